#!/usr/bin/env bash
# Issue 22's sweep benchmark (docs/benchmarks.md, "Sweeps (issue 22)"): the same 8-trial random sweep of the seed
# CNN run twice on this machine, one trial at a time (--parallel 1, the baseline) and two at once (--parallel 2),
# in the same run of this script, and timed from the command's start to its table (worker starts, data, training,
# evaluation). The sweep: lr=1e-4..1e-2:log and dense1.units=32,64,128, seed 7, so both runs train the same 8 trials.
# Prints the wall times side by side, trials per minute, the speed-up, and the best trial of each (the two should
# agree: each trial's seed and data are the same). The sweep folders and logs go to OUT.
# Options by environment: TRIALS (8), EPOCHS (1), DATA (fashion-mnist-sample), MAX_TRAIN (1000),
# MAX_VALIDATION (500), ORDER ("1 2": --parallel values, in that order), OUT (a temporary folder),
# NETWRIGHT (./netwright).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nw="${NETWRIGHT:-$root/netwright}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/netwright-sweep.XXXXXX")}"
TRIALS="${TRIALS:-8}"
EPOCHS="${EPOCHS:-1}"
DATA="${DATA:-fashion-mnist-sample}"
MAX_TRAIN="${MAX_TRAIN:-1000}"
MAX_VALIDATION="${MAX_VALIDATION:-500}"
ORDER="${ORDER:-1 2}"
mkdir -p "$out"
"$nw" --version > /dev/null # builds first, outside the timings
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "$TRIALS trials of sample:cnn, $EPOCHS epoch(s) on $MAX_TRAIN images of $DATA; folders in $out" >&2
declare -A seconds best
for parallel in $ORDER; do
  dir="$out/parallel-$parallel"
  rm -rf "$dir"
  t0=$(date +%s.%N)
  "$nw" sweep sample:cnn --param lr=1e-4..1e-2:log --param dense1.units=32,64,128 --strategy random \
    --trials "$TRIALS" --seed 7 --epochs "$EPOCHS" --data "$DATA" --max-train "$MAX_TRAIN" \
    --max-validation "$MAX_VALIDATION" --backend cpu --parallel "$parallel" --out "$dir" > "$dir.log" 2>&1
  t1=$(date +%s.%N)
  seconds[$parallel]=$(python3 -c "print(round($t1 - $t0, 1))")
  best[$parallel]=$(python3 - "$dir/experiment.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
done = [t for t in e["trials"] if t["state"] == "FINISHED"]
failed = len(e["trials"]) - len(done)
b = max(done, key=lambda t: t["bestValidationAccuracy"])
mean = sum(t["seconds"] for t in done) / len(done)
print(f'{b["id"]} {b["bestValidationAccuracy"]:.4f} ({len(done)} finished, {failed} not; {mean:.1f} s per trial)')
PY
)
  echo "--parallel $parallel: ${seconds[$parallel]} s, best ${best[$parallel]}; load average now $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo
echo "| trials at once | wall time | trials per minute | speed-up over one at a time | best trial (validation accuracy) |"
echo "|---|---|---|---|---|"
first=$(echo "$ORDER" | awk '{print $1}')
for parallel in $ORDER; do
  python3 - "$parallel" "${seconds[$parallel]}" "${seconds[1]:-${seconds[$first]}}" "$TRIALS" "${best[$parallel]}" <<'PY'
import sys
parallel, secs, baseline, trials, best = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"| {parallel} | {secs:.1f} s | {trials * 60 / secs:.1f} | {baseline / secs:.2f}x | {best} |")
PY
done

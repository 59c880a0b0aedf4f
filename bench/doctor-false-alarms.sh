#!/usr/bin/env bash
# The training doctor's false alarms (docs/benchmarks.md, "Training doctor (issue 23)"): each of the four classic
# samples (seed CNN, stacked LSTM, Transformer, residual CNN) is trained as a user trains it — its own settings on its
# own data, the bundled Fashion-MNIST subset — with three seeds, and `netwright doctor --json` lists what the doctor
# found in each run. A healthy run should raise nothing; every finding is printed with its kind and node.
# Options by environment: SAMPLES ("cnn lstm transformer resnet"), SEEDS ("1 2 3"), EPOCHS (3), OUT (a temporary
# folder), NETWRIGHT (./netwright), REPLAY (1: judge the runs again with this build's doctor, `doctor --replay`, rather
# than read the findings they recorded; with OUT of an earlier measurement this rejudges its runs). A run already
# finished in OUT is reused.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a nw <<<"${NETWRIGHT:-$root/netwright}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/netwright-doctor-alarms.XXXXXX")}"
SAMPLES="${SAMPLES:-cnn lstm transformer resnet}"
SEEDS="${SEEDS:-1 2 3}"
EPOCHS="${EPOCHS:-3}"
replay=()
[ "${REPLAY:-0}" = 1 ] && replay=(--replay)
mkdir -p "$out"
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg); runs in $out"

printf 'sample\tseed\ttest accuracy\tseconds\tfindings\n' > "$out/results.tsv"
for sample in $SAMPLES; do
  for seed in $SEEDS; do
    dir="$out/$sample-$seed"
    seconds="-"
    if [ ! -f "$dir/evaluation.json" ]; then
      rm -rf "$dir"
      start=$(date +%s)
      "${nw[@]}" train "sample:$sample" --seed "$seed" --epochs "$EPOCHS" --out "$dir" > "$dir.log" 2>&1 \
        || { echo "FAILED: see $dir.log" >&2; exit 1; }
      seconds=$(( $(date +%s) - start ))
    fi
    accuracy=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accuracy"])' "$dir/evaluation.json")
    findings=$("${nw[@]}" doctor "${replay[@]}" --json "$dir" | python3 -c '
import json, sys
found = [json.loads(line) for line in sys.stdin if line.strip()]
print("; ".join(f["kind"] + (" on " + f["node"] if f.get("node") else "") for f in found) or "none")')
    printf '%s\t%s\t%s\t%s\t%s\n' "$sample" "$seed" "$accuracy" "$seconds" "$findings" >> "$out/results.tsv"
  done
done

python3 - "$out/results.tsv" "$EPOCHS" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print(f"\nEach sample trained {sys.argv[2]} epochs on the bundled subset (its own settings), one run per seed.\n")
print("| sample | seed | test accuracy | wall s | findings |")
print("|---|---|---|---|---|")
for r in rows:
    print(f"| {r['sample']} | {r['seed']} | {float(r['test accuracy']):.4f} | {r['seconds']} | {r['findings']} |")
alarms = sum(r["findings"] != "none" for r in rows)
print(f"\nRuns with a finding: {alarms} of {len(rows)} (target: 0 for healthy runs)")
PY
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"

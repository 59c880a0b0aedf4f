#!/usr/bin/env bash
# Is the doctor's overfitting on a tiny validation set true or noise? (docs/benchmarks.md, "Training doctor: overfitting
# on a tiny validation set"). The seed CNN trains on 256 images (batch 32) twice, validated on the first 64 and on the
# first 500 of the bundled subset's validation images: the trainings are the same (the same seed and data; validation
# changes nothing), so each epoch's model is judged on both. For each epoch after the first the table gives, beside each
# other, the validation loss on 64 and on 500 examples, its rise above the best earlier epoch, the paired z-test's
# p-value of that rise (from each example's loss change, which the worker measures) and the bound it must pass
# (0.01 / earlier epochs); then the findings each run raised. Options by environment: EPOCHS (40), OUT (a temporary
# folder), NETWRIGHT (./netwright).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a nw <<<"${NETWRIGHT:-$root/netwright}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/netwright-doctor-overfitting.XXXXXX")}"
EPOCHS="${EPOCHS:-40}"
mkdir -p "$out"
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg); runs in $out"
for n in 64 500; do
  rm -rf "$out/v$n"
  "${nw[@]}" train sample:cnn --epochs "$EPOCHS" --max-train 256 --max-validation "$n" --batch 32 --out "$out/v$n" \
    > "$out/v$n.log" 2>&1 || { echo "the run on $n validation images failed: see $out/v$n.log" >&2; exit 1; }
done
/usr/bin/python3 - "$out/v64" "$out/v500" <<'PY'
import json, math, sys

def epochs(run):
    events = [json.loads(line) for line in open(run + "/events.jsonl")]
    detail = {e["epoch"]: e for e in events if e["type"] == "epoch-detail"}
    ends = [e for e in events if e["type"] == "epoch"]
    rows = {}
    for i, e in enumerate(ends):
        if i == 0:
            continue
        best = min(ends[:i], key=lambda x: x["validationLoss"])
        d = detail[e["epoch"]]
        n = sum(d["validationClassCounts"])
        spread = d.get("validationLossRiseSpread")
        rise = e["validationLoss"] - best["validationLoss"]
        p = 0.5 * math.erfc(rise / (spread / math.sqrt(n)) / math.sqrt(2)) if spread else float("nan")
        rows[e["epoch"]] = (e["trainLoss"], e["validationLoss"], best["epoch"], 100 * rise / best["validationLoss"], p,
                            0.01 / i)
    return rows

small, large = epochs(sys.argv[1]), epochs(sys.argv[2])
print("epoch | train loss | val. loss 64 | rise over best (epoch) | p (bound) | val. loss 500 | rise over best (epoch) | p (bound)")
for epoch in sorted(small):
    s, l = small[epoch], large[epoch]
    print("%5d | %.3f | %.4f | %+6.1f %% (%d) | %.2g (%.2g) | %.4f | %+6.1f %% (%d) | %.2g (%.2g)" % (
        epoch, s[0], s[1], s[3], s[2], s[4], s[5], l[1], l[3], l[2], l[4], l[5]))
for run in sys.argv[1:]:
    try:
        found = [json.loads(line) for line in open(run + "/doctor.jsonl")]
    except FileNotFoundError:
        found = []
    print("%s: %s" % (run, "; ".join("%s at epoch %d: %s" % (f["kind"], f["epoch"], f["explanation"][:160])
                                      for f in found) or "no finding"))
PY

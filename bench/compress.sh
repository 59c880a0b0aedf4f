#!/usr/bin/env bash
# netwright compress on the seed CNN trained on the full Fashion-MNIST (Debian's dataset-fashion-mnist): 90 %
# magnitude pruning per layer and global, one-shot and gradual, with fine-tuning epochs, structured pruning to half the
# filters and units, and int8; every result is a run folder whose compression.json holds its figures and its parent's,
# measured in the same process (accuracy on the 10,000 test images, model file bytes, median latency of one example).
# Prints a Markdown table; docs/benchmarks.md keeps the figures.
# Usage: bench/compress.sh [WORK_DIR] [EPOCHS] [FINETUNE]   (the reference run is trained once and kept in WORK_DIR;
#        a result already in WORK_DIR is printed, not made again: delete its folder to remeasure it)
#        NETWRIGHT=path/to/launcher bench/compress.sh ...    (another launcher, e.g. a copy of the jars)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/netwright-compress-bench}"
epochs="${2:-5}"
finetune="${3:-1}"
nw="${NETWRIGHT:-./netwright}"
mkdir -p "$work"
ref="$work/ref"
if [ ! -f "$ref/model.zip" ]; then
    "$nw" train sample:cnn --data fashion-mnist --epochs "$epochs" --seed 42 --out "$ref" --force > "$work/ref.log"
fi
row() { # name, run folder
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
name, folder = sys.argv[1], sys.argv[2]
r = json.load(open(folder + "/compression.json"))
print("| %s | %s / %s | %.4f (%+.2f points vs %.4f) | %s (ref %s) | %.3f (ref %.3f) |" % (
    name, format(r["nonZeros"], ","), format(r["parameters"], ","), r["accuracy"],
    100 * (r["accuracy"] - r["parentAccuracy"]), r["parentAccuracy"], format(r["fileBytes"], ","),
    format(r["parentFileBytes"], ","), r["latencyMs"], r["parentLatencyMs"]))
PY
}
run() { # name, out, compress options...
    local name="$1" out="$work/$2"; shift 2
    if [ -f "$out/compression.json" ]; then row "$name" "$out"; return; fi # measured by an earlier, cut-off run
    "$nw" compress "$ref" "$@" -o "$out" --force > "$out.log" 2>&1 || { echo "| $name | failed: see $out.log |"; return; }
    row "$name" "$out"
}
echo "| model | non-zero / parameters | test accuracy | file bytes | ms per example |"
echo "|---|---|---|---|---|"
run "90 %, per layer, one-shot, no fine-tuning" layer-0 --prune 0.9
run "90 %, global, one-shot, $finetune fine-tuning epoch(s)" global-oneshot --prune 0.9 --scope global --finetune "$finetune"
run "90 %, global, gradual, $finetune fine-tuning epoch(s)" global-gradual --prune 0.9 --scope global --schedule gradual --finetune "$finetune"
run "structured, half the filters/units, $finetune fine-tuning epoch(s)" structured --prune 0.5 --structured --finetune "$finetune"
run "90 %, per layer, one-shot, $finetune fine-tuning epoch(s)" layer-oneshot --prune 0.9 --finetune "$finetune"
run "90 %, per layer, gradual, $finetune fine-tuning epoch(s)" layer-gradual --prune 0.9 --schedule gradual --finetune "$finetune"
run "int8 (ONNX Runtime; ref: float ONNX in ONNX Runtime)" int8 --quantise int8
run "90 %, global, one-shot, no fine-tuning" global-0 --prune 0.9 --scope global
run "structured, half the filters/units, no fine-tuning" structured-0 --prune 0.5 --structured

#!/usr/bin/env bash
# Model quality on the full Fashion-MNIST (issue 15): the seed CNN at the tutorial's settings (5 epochs, Adam,
# lr 0.001, batch 32) as the baseline, against the tuned residual sample with its own saved settings (schedule,
# augmentation), for each seed; each run's final evaluation is on the 10,000 test images, which neither training
# nor validation saw. Prints a Markdown table: design, seed, test accuracy, test loss is not kept, wall time.
# Usage: bench/quality.sh [seeds="42 7 123"] [designs="cnn resnet-tuned"] [out=DIR (kept; default a temp dir)]
# Needs Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). Long: minutes per CNN run, tens of
# minutes per tuned run on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-"42 7 123"}
designs=${2:-"cnn resnet-tuned"}
out=${3:-$(mktemp -d)}
mkdir -p "$out"
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  echo "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)" >&2
  exit 2
fi
./netwright samples > /dev/null   # builds on first use
echo "| design | seed | settings | test accuracy | epochs | wall time (s) | load at start |"
echo "|---|---:|---|---:|---:|---:|---|"
for design in $designs; do
  for seed in $seeds; do
    run="$out/$design-seed$seed"
    if [ "$design" = cnn ]; then
      settings=(--epochs 5 --batch 32 --optimizer ADAM --lr 0.001)
    else
      settings=()   # the sample's own saved training settings
    fi
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    ./netwright train "sample:$design" --data fashion-mnist --seed "$seed" "${settings[@]}" --out "$run" \
      > "$run.log" 2>&1 || { echo "| $design | $seed | run failed: see $run.log | | | | |"; continue; }
    end=$(date +%s.%N)
    python3 - "$run" "$design" "$seed" "$start" "$end" "$load" <<'PY'
import json, sys
run, design, seed, start, end, load = sys.argv[1:]
evaluation = json.load(open(run + "/evaluation.json"))
request = json.load(open(run + "/run.json"))
if evaluation.get("set", "validation") != "test":
    sys.exit(f"{run}: the final evaluation is on the {evaluation.get('set', 'validation')} set, not the test set")
total = sum(sum(row) for row in evaluation["confusion"])
s = request["settings"]
schedule = request.get("lrSchedule", {}).get("type", "constant")
augmentation = "augmented" if "augmentation" in request else "no augmentation"
settings = f"{s['optimizer']} lr {s['learningRate']} ({schedule}), batch {request['batchSize']}, {augmentation}"
print(f"| {design} | {seed} | {settings} | {evaluation['accuracy']:.4f} (of {total:,}) | {evaluation['epoch']} "
      f"| {float(end) - float(start):.0f} | {load} |")
PY
  done
done

#!/usr/bin/env bash
# Post-training int8 quantisation of the seed CNN (issue 19): trains it on the full Fashion-MNIST for 2 epochs unless
# RUN_DIR already holds a finished run, then 'netwright quantize' writes the float and int8 ONNX files and prints both
# models' accuracy on the test set, file sizes and ONNX Runtime latency (batch of 1 and of 64) side by side.
# docs/benchmarks.md keeps the figures. Usage: bench/quantize.sh [RUN_DIR] [quantize options, e.g. --method percentile]
set -euo pipefail
cd "$(dirname "$0")/.."
run="${1:-runs/bench-quantize-cnn}"
shift || true
mkdir -p "$(dirname "$run")"
if [ ! -f "$run/model.zip" ]; then
  nice ./netwright train sample:cnn --data fashion-mnist --epochs 2 --backend cpu --seed 19 --out "$run" --force \
    > "$run.train.log" 2>&1
fi
mkdir -p runs/bench-quantize-out
nice ./netwright quantize "$run" -o runs/bench-quantize-out/cnn.onnx "$@"

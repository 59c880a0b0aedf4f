#!/usr/bin/env bash
# Explanations (issue 20) on the seed CNN trained on the full Fashion-MNIST: the speed of a prediction and of each
# method on one 28×28 image after loading, and each method's deletion AUC against random orderings on the first N test
# images (target: below random on >= 90 % of 200). Trains the run first unless RUN_DIR holds one (2 epochs, seed 42).
# Prints Markdown; docs/benchmarks.md keeps the figures. Usage: bench/explain.sh [RUN_DIR] [--images=200] [--repeats=10]
set -euo pipefail
cd "$(dirname "$0")/.."
run="${1:-runs/bench-explain-cnn}"
shift || true
if [ ! -f "$run/model.zip" ]; then
  mkdir -p "$(dirname "$run")"
  nice ./netwright train sample:cnn --data fashion-mnist --epochs 2 --seed 42 --backend cpu --out "$run" --force \
    > "$run.train.log" 2>&1
fi
source bench/classpath.sh
CP=$(bench_classpath)
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with changes)'), load $(cut -d' ' -f1-3 /proc/loadavg)"
# one OpenMP thread: on a machine that other processes keep busy, ND4J's spinning threads made every call 2-5x slower
OMP_NUM_THREADS=1 java -cp "$CP" dev.netwright.bench.explain.ExplainBenchmark "$run" "$@"
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# What image augmentation costs a training step (docs/benchmarks.md, "Augmentation"): the worker's work per
# minibatch for each setting and all together, against fit() of the same seed-CNN batch, on the bundled subset.
# Usage: bench/augmentation.sh [batch=32] [steps=200]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
cp=$(bench_classpath)
java -Xmx1g -cp "$cp" dev.netwright.bench.training.AugmentationBenchmark fashion-mnist-sample "${1:-32}" "${2:-200}"

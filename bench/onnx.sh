#!/usr/bin/env bash
# Inference time of every sample in Deeplearning4j and, exported as ONNX, in ONNX Runtime (same process, same
# inputs): one example and a batch of 64, median of the timed runs. Prints a Markdown table; docs/benchmarks.md keeps
# the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
java -cp "$(bench_classpath)" dev.netwright.bench.onnx.InferenceBenchmark "${1:-51}" 2>/dev/null | grep '^|'

#!/usr/bin/env bash
# Milliseconds per forward + backward pass of the Transformer sample's LayerNorm and attention layers, each new path
# against its -Dnetwright.<x>=nd4j code, alternating in one JVM (docs/benchmarks.md, "Engine II: fused LayerNorm and
# softmax" and "Engine II: the attention layer").
# Usage: bench/fused-ops.sh [rounds] [calls per round]; 1 thread, as the app's worker runs attention designs.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
CP=$(bench_classpath)
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with changes)'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
OMP_NUM_THREADS=1 java -Xmx512m -Dlogback.configurationFile=netwright-worker-logback.xml -cp "$CP" \
  dev.netwright.bench.training.FusedOpsTiming "$@"
echo
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"

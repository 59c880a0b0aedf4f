#!/usr/bin/env bash
# What the training doctor costs (docs/benchmarks.md, "Training doctor"): the worker trains the same design on the
# bundled Fashion-MNIST subset with the doctor on and off (-Dnetwright.doctor=off), alternating, and the samples per
# second of the same window of batches are compared. Prints Markdown.
# Usage: bench/doctor.sh [design=cnn] [rounds=6] [warmup=8] [measured=70] [epochs=30]
# The run's length sets how often the doctor samples: 30 epochs (2,370 updates) every 50th update, as in long runs;
# 2 epochs (158 updates) every 5th, as in short runs.
set -euo pipefail
cd "$(dirname "$0")/.."
# The worker chooses its threads per design; a thread count in this shell would override it.
unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
source bench/classpath.sh
CP=$(bench_classpath)
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"
rm -rf target/bench-doctor
java -Xmx512m -cp "$CP" dev.netwright.bench.training.DoctorBenchmark "${1:-cnn}" "${2:-6}" "${3:-8}" "${4:-70}" \
  target/bench-doctor "${5:-30}"
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# The machine's measured single-precision peak (bench/fma_peak.c): one line per thread count, 1 to THREADS.
# Usage: bench/peak.sh [THREADS (default: the number of CPUs)] [REPETITIONS (default 5)]
# Needs gcc and a CPU with AVX2 and FMA (apt-get install gcc).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
gcc -O2 -mavx2 -mfma -pthread -o target/fma_peak bench/fma_peak.c
target/fma_peak "${1:-$(nproc)}" "${2:-5}"

#!/usr/bin/env bash
# Check and compile time of generated designs (10/100/500 nodes), DL4J type inference as the baseline.
# Prints a Markdown table; docs/benchmarks.md keeps the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
java -cp "$(bench_classpath)" \
  dev.netwright.bench.check.CheckCompileBenchmark "${1:-101}" 2>/dev/null | grep '^|'

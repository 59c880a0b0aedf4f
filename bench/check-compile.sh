#!/usr/bin/env bash
# Check and compile time of generated designs (10/100/500 nodes), DL4J type inference as the baseline.
# Prints a Markdown table; docs/benchmarks.md keeps the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -pl runtime -am install -DskipTests >/dev/null
mvn -B -q -Dstyle.color=never -pl runtime test-compile exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.netwright.runtime.bench.CheckCompileBenchmark \
  -Dexec.args="${1:-101}" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep '^|'

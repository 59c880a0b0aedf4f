#!/usr/bin/env bash
# Designer canvas: edit latency and pan/zoom frame times on generated designs (about 50 and 500 nodes).
# Runs in a real window under Xvfb (GTK glass, real pulses) rather than headless Monocle, whose pulses
# and software rendering say little about a desktop. Prints Markdown tables; docs/benchmarks.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
cp=$(bench_classpath)
xvfb-run -a -s '-screen 0 1600x900x24' java --module-path "$(fx_part "$cp")" --add-modules javafx.controls \
  --add-exports javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED -Dprism.verbose=true \
  -cp "$(non_fx_part "$cp")" \
  dev.netwright.designer.canvas.DesignerBenchmark 2> >(grep -iE 'pipeline|prism' >&2)

#!/usr/bin/env bash
# Designer canvas: edit latency and pan/zoom frame times on generated designs (about 50 and 500 nodes).
# Runs in a real window under Xvfb (GTK glass, real pulses) rather than headless Monocle, whose pulses
# and software rendering say little about a desktop. Prints Markdown tables; docs/benchmarks.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -pl designer -am install -DskipTests >/dev/null
mvn -B -q -Dstyle.color=never -pl designer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/designer/target/test-classpath.txt" >/dev/null
cp=$(cat designer/target/test-classpath.txt)
fx=$(tr ':' '\n' <<<"$cp" | grep '/org/openjfx/.*-linux\.jar$' | paste -sd:)
rest=$(tr ':' '\n' <<<"$cp" | grep -v '/org/openjfx/' | paste -sd:)
xvfb-run -a -s '-screen 0 1600x900x24' java --module-path "$fx" --add-modules javafx.controls \
  --add-exports javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED -Dprism.verbose=true \
  -cp "designer/target/test-classes:designer/target/classes:$rest" \
  dev.netwright.designer.canvas.DesignerBenchmark 2> >(grep -iE 'pipeline|prism' >&2)

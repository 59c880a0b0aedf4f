#!/usr/bin/env bash
# Live metrics chart: the FX-thread cost of one update plus one 1200x500 render at 1k, 10k and 100k iterations,
# downsampled as shipped against the same chart fed every point (docs/benchmarks.md, "Charts").
# Headless Monocle with Prism's software pipeline, as the chart tests: the render is JFreeChart's own drawing
# (Java2D into an image, and FXGraphics2D onto a canvas), which does not depend on the window system.
# Options as system properties, e.g. JAVA_OPTS='-Dbench.measured=100 -Dbench.points=1000,100000'.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
cp=$(bench_classpath)
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java -Xmx1g ${JAVA_OPTS:-} -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dprism.text=t2k \
  -Djava.awt.headless=true -cp "$cp" dev.netwright.charts.fx.ChartUpdateBenchmark \
  2> >(grep -v -e 'Unsupported JavaFX configuration' -e 'PlatformImpl startup' >&2)

#!/usr/bin/env bash
# Screenshots of the main window for the README (start page, mid-training, evaluation, data), taken in a real
# window under Xvfb: app/screenshots.sh [OUT_DIR] (default docs/images). Trains the CNN sample for 3 epochs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images}
source bench/classpath.sh
cp=$(bench_classpath)
xvfb-run -a -s '-screen 0 1600x1000x24' java -cp "$cp" dev.netwright.bench.app.WindowScreenshots "$out"

#!/usr/bin/env bash
# Runs the designer demo: designer/demo.sh [cnn|lstm|transformer|resnet] [--snapshot FILE.png]
# JavaFX goes on the module path (the supported set-up); everything else on the class path.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl designer -am install -DskipTests >/dev/null
mvn -B -q -o -pl designer test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/designer/target/test-classpath.txt" >/dev/null
cp=$(cat designer/target/test-classpath.txt)
fx=$(tr ':' '\n' <<<"$cp" | grep '/org/openjfx/.*-linux\.jar$' | paste -sd:)
rest=$(tr ':' '\n' <<<"$cp" | grep -v '/org/openjfx/' | paste -sd:)
exec java --module-path "$fx" --add-modules javafx.controls \
  -cp "designer/target/test-classes:designer/target/classes:$rest" \
  dev.netwright.designer.DesignerDemo "$@"

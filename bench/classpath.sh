# Sourced by the bench scripts (and app/screenshots.sh): the one way they build and find a class path. Everything is
# built in the reactor and run from the modules' target folders; nothing is installed into ~/.m2.
#
# module_classpath MODULE: builds MODULE and the modules it needs (with their test classes, tests not run) and
# prints MODULE's test class path: its test classes, its classes, then every dependency.
module_classpath() {
  local module=$1
  mvn -B -q -Dstyle.color=never -DskipTests -pl "$module" -am package dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
  echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")"
}

# JavaFX's jars of a class path on their own (for --module-path), and the rest.
fx_part() { tr ':' '\n' <<<"$1" | grep '/org/openjfx/.*-linux\.jar$' | paste -sd:; }
non_fx_part() { tr ':' '\n' <<<"$1" | grep -v '/org/openjfx/' | paste -sd:; }

# The samples module's (the training benchmarks'): CP, and IDX, the bundled Fashion-MNIST subset as IDX files for
# the PyTorch peer.
if [ "${BENCH_SAMPLES_CLASSPATH:-1}" = 1 ]; then
  CP=$(module_classpath samples)
  IDX=samples/src/main/resources/dev/netwright/samples/data/fashion-mnist-sample
fi

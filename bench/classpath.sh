# Sourced by the bench scripts (and app/screenshots.sh): the one way they build and find a class path. The benchmarks
# are the bench module (bench/src/main/java); it is built in the reactor with the modules it needs and run from the
# target folders; nothing is installed into ~/.m2.
#
# bench_classpath: builds the bench module and the modules it needs (tests not run) and prints its run-time class
# path: its classes, then every dependency (the app, the designer, the charts, the samples, the runtime, ...).
bench_classpath() {
  mvn -B -q -Dstyle.color=never -DskipTests -pl bench -am package dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
  echo "bench/target/classes:$(cat bench/target/bench-classpath.txt)"
}

# JavaFX's jars of a class path on their own (for --module-path), and the rest.
fx_part() { tr ':' '\n' <<<"$1" | grep '/org/openjfx/.*-linux\.jar$' | paste -sd:; }
non_fx_part() { tr ':' '\n' <<<"$1" | grep -v '/org/openjfx/' | paste -sd:; }

# The bundled Fashion-MNIST subset as IDX files, for the training benchmarks' PyTorch peer.
# shellcheck disable=SC2034 # used by the scripts that source this file
IDX=samples/src/main/resources/dev/netwright/samples/data/fashion-mnist-sample

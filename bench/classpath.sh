# Sourced by the bench scripts: builds the samples module with its tests and sets CP
# (the benchmark class path) and IDX (the bundled Fashion-MNIST subset as IDX files, for the PyTorch peer).
mvn -B -q -Dstyle.color=never -DskipTests -pl samples -am package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="samples/target/test-classes:samples/target/classes:$(cat samples/target/bench.classpath)"
IDX=samples/src/main/resources/dev/netwright/samples/data/fashion-mnist-sample

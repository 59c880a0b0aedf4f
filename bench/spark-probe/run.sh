#!/usr/bin/env bash
# Builds the probe and runs it: ./run.sh [maven -D options...] -- [trainCount testCount sparkMaster pa,shared]
# e.g. ./run.sh                         M2.1 network code under dl4j-spark M2 ("M2.1 wins")
#      ./run.sh -Dnet.version=1.0.0-M2 -Djavacpp.version=1.5.7 -Dopenblas.version=0.3.19-1.5.7   ("M2 wins")
#      ./run.sh -- 2000 500 'local-cluster[2,1,1024]' pa    (separate executor JVMs, as on a standalone cluster)
# PROBE_NO_OPENS=1 leaves out the --add-opens; PROBE_JAVA_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")"
mvn_opts=(); while [[ $# -gt 0 && "$1" != "--" ]]; do mvn_opts+=("$1"); shift; done; [[ $# -gt 0 ]] && shift
mvn -B -q "${mvn_opts[@]}" compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# Spark 3.1 predates Java 17: these opens are the ones Spark 3.3+ adds itself (JavaModuleOptions).
opens=(java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent
       java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar)
jvm=(); if [[ "${PROBE_NO_OPENS:-}" != 1 ]]; then for p in "${opens[@]}"; do jvm+=("--add-opens=java.base/$p=ALL-UNNAMED"); done; fi
# SharedTrainingMaster's embedded Aeron media driver refuses to start otherwise ("publicationUnblockTimeoutNs=
# 15000000000 <= clientLivenessTimeoutNs=30000000000"): nd4j's transport sets a 30 s client liveness timeout.
aeron=(-Daeron.publication.unblock.timeout=60000000000)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
# For 'local-cluster[W,C,MB]' (a standalone master and W workers inside this JVM, each executor a JVM of its own)
# Spark launches executors from $SPARK_HOME/jars: a Spark "distribution" made of links to this class path.
home=target/sparkhome
rm -rf "$home" && mkdir -p "$home/jars" && touch "$home/RELEASE"
IFS=: read -ra jars < target/classpath.txt || true  # no newline at its end
for jar in "${jars[@]}"; do ln -s "$jar" "$home/jars/"; done
(cd target/classes && jar cf ../sparkhome/jars/probe.jar .)
export SPARK_HOME=$PWD/$home SPARK_SCALA_VERSION=2.12
executor="${jvm[*]} ${aeron[*]}"
exec java "${jvm[@]}" "${aeron[@]}" ${PROBE_JAVA_OPTS:-} "-Dspark.executor.extraJavaOptions=$executor" \
    -Dspark.executorEnv.OMP_NUM_THREADS="$OMP_NUM_THREADS" -Xmx2g \
    -cp "target/classes:$(cat target/classpath.txt)" probe.SparkProbe "$@"

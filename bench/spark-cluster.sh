#!/usr/bin/env bash
# Sourced by bench/spark-sweep.sh and bench/spark-train.sh: start_spark_cluster WORK starts a Spark standalone master and
# two one-core workers on 127.0.0.1 from the cluster module's jars (what start-master.sh/start-worker.sh run), appends
# their PIDs to the caller's pids array and sets port to the master's.
#
# SPARK_HOME/jars, the "distribution" the master, workers and executors run from, holds links to the cluster module's
# class path (Spark's jars, and what Spark shares with Netwright: SLF4J, Jackson, ...) without Netwright's own jars,
# which the executors receive from the driver (spark.jars) with the rest of its runtime class path.
start_spark_cluster() {
  local work=$1
  local home="$work/sparkhome"
  mkdir -p "$home/jars" && touch "$home/RELEASE"
  local spark_jars jar p w
  IFS=: read -ra spark_jars < <(cat cluster/target/spark-classpath.txt; echo -n :; cat cluster/target/executor-classpath.txt) || true
  for jar in "${spark_jars[@]}"; do
    case "$jar" in ''|*/netwright-*.jar) ;; *) ln -sf "$jar" "$home/jars/" ;; esac
  done
  local opens=()
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    opens+=("--add-opens=java.base/$p=ALL-UNNAMED"); done
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
  java "${opens[@]}" -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port 0 > "$work/master.log" 2>&1 & pids+=($!)
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.2; done
  for w in 1 2; do
    java "${opens[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
      --webui-port 0 --work-dir "$work/worker-$w" "spark://127.0.0.1:$port" > "$work/worker-$w.log" 2>&1 & pids+=($!)
  done
}

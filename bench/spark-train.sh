#!/usr/bin/env bash
# Data-parallel training on Spark: one epoch of the seed CNN on a Fashion-MNIST subset trained by ./netwright train
# three ways, in one go, validation accuracy and wall time of each printed side by side:
#   local          no --cluster: one worker process on this machine (the baseline)
#   local[2]       --cluster 'local[2]': Spark in the command's JVM, two tasks, DL4J's parameter averaging
#   standalone     --cluster spark://127.0.0.1:PORT: a Spark standalone master and two workers of one core started
#                  here from the cluster module's Spark jars, executors in JVMs of their own that receive Netwright's
#                  jars from the driver (spark.jars)
# Usage: bench/spark-train.sh [per-class=60] [epochs=1]
set -euo pipefail
cd "$(dirname "$0")/.."
per_class=${1:-60}
epochs=${2:-1}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

args=(sample:cnn --epochs "$epochs" --data "fashion-mnist-sample#per-class=$per_class" --max-validation 500)
./netwright train --help > /dev/null                       # builds the app if needed
./netwright train --help --cluster 'local[2]' > /dev/null      # builds the cluster module

timed() { # NAME then the run's extra options; prints seconds and the last epoch's validation accuracy
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  ./netwright train "${args[@]}" --out "$work/$name" "$@" > "$work/$name.log" 2>&1 || { tail -20 "$work/$name.log"; return 1; }
  local t1; t1=$(date +%s%N)
  local accuracy; accuracy=$(python3 -c 'import json,sys
epochs=[e for e in map(json.loads, open(sys.argv[1])) if e.get("type") == "epoch"]
print("%.3f" % epochs[-1]["validationAccuracy"])' "$work/$name/events.jsonl")
  printf '%-12s %8.1f s   validation accuracy %s   %s\n' "$name" "$(echo "($t1 - $t0) / 1000000000" | bc -l)" \
    "$accuracy" "$(sed -n 's/^Training on \(.*)\): [0-9,]* parameters.*/\1/p' "$work/$name.log" | head -1)"
}

# A standalone cluster: SPARK_HOME/jars, the "distribution" its master, workers and executors run from, holds links to
# the cluster module's class path (Spark's jars, and what Spark shares with Netwright: SLF4J, Jackson, ...) without
# Netwright's own jars, which the executors receive from the driver (spark.jars) with the rest of its runtime class path.
home="$work/sparkhome"
mkdir -p "$home/jars" && touch "$home/RELEASE"
IFS=: read -ra spark_jars < <(cat cluster/target/spark-classpath.txt; echo -n :; cat cluster/target/executor-classpath.txt) || true
for jar in "${spark_jars[@]}"; do
  case "$jar" in ''|*/netwright-*.jar) ;; *) ln -sf "$jar" "$home/jars/" ;; esac
done
opens=(); for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
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

echo "sample:cnn, $epochs epoch(s), fashion-mnist-sample#per-class=$per_class, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
timed local
timed 'local[2]' --cluster 'local[2]'
timed standalone --cluster "spark://127.0.0.1:$port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

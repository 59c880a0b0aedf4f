#!/usr/bin/env bash
# Spark sweeps: the same grid of trials (the seed CNN, lr x batch, 1 epoch on a Fashion-MNIST subset) run by
# ./netwright sweep three ways, in one go, wall time of each printed side by side:
#   local          --parallel 2: two worker processes on this machine (the baseline)
#   local[2]       --cluster 'local[2]': Spark in the sweep's JVM, each trial a Spark task that runs the same worker
#   standalone     --cluster spark://127.0.0.1:PORT: a Spark standalone master and two workers of one core started
#                  here from the cluster module's Spark jars (what start-master.sh/start-worker.sh run), executors in
#                  JVMs of their own that receive Netwright's jars from the driver (spark.jars)
# Usage: bench/spark-sweep.sh [per-class=20] [batches=16,32] (4 trials; batches=16,32,64,128 gives 8)
set -euo pipefail
cd "$(dirname "$0")/.."
per_class=${1:-20}
batches=${2:-16,32}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

args=(sample:cnn --param lr=0.001,0.01 --param "batch=$batches" --strategy grid --epochs 1
      --data "fashion-mnist-sample#per-class=$per_class" --max-validation 200 --backend cpu)
./netwright sweep --help > /dev/null                       # builds the app if needed
./netwright sweep --help --cluster 'local[2]' > /dev/null      # builds the cluster module

timed() { # NAME then the sweep's extra options; prints seconds and the trials' states
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  ./netwright sweep "${args[@]}" --out "$work/$name" "$@" > "$work/$name.log" 2>&1 || { tail -20 "$work/$name.log"; return 1; }
  local t1; t1=$(date +%s%N)
  local states; states=$(grep -o '"state" : "[A-Z_]*"' "$work/$name/experiment.json" | sort | uniq -c | tr -s ' ' | paste -sd, -)
  printf '%-12s %8.1f s   %s\n' "$name" "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$states"
}

source bench/spark-cluster.sh
start_spark_cluster "$work"

echo "4 or 8 trials of the seed CNN, 1 epoch, fashion-mnist-sample#per-class=$per_class, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
timed local --parallel 2
timed 'local[2]' --cluster 'local[2]'
timed standalone --cluster "spark://127.0.0.1:$port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

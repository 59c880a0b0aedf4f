#!/usr/bin/env bash
# Data-parallel training on Spark: one epoch of the seed CNN on a Fashion-MNIST subset trained by ./netwright train
# three ways, in one go, validation accuracy and wall time of each printed side by side:
#   local          no --cluster: one worker process on this machine (the baseline)
#   local[1]       --cluster 'local[1]': Spark in the command's JVM, one task: DL4J's Spark training with nothing to
#                  average, which should learn as the local run does
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

source bench/spark-cluster.sh
start_spark_cluster "$work"

echo "sample:cnn, $epochs epoch(s), fashion-mnist-sample#per-class=$per_class, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
timed local
timed 'local[1]' --cluster 'local[1]'
timed 'local[2]' --cluster 'local[2]'
timed standalone --cluster "spark://127.0.0.1:$port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Training throughput on this CPU (docs/benchmarks.md, "Training"): the worker against a bare DL4J loop and
# PyTorch, the four samples, the native settings the worker chooses against their alternatives, one epoch
# per setting for accuracy, then a JFR profile of one CNN epoch. Prints Markdown; progress goes to stderr.
# Options go to TrainingBenchmark, e.g. --rounds=5 --warmup=10 --measured=30 --accuracy=cnn,lstm (or --accuracy=).
# Needs the PyTorch peer: apt-get install python3-torch libopenblas0-pthread (it runs under /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
# The worker chooses its threads per design; a thread count in this shell would override it.
unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
source bench/classpath.sh
CP=$(bench_classpath)
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'); $(/usr/bin/python3 -c 'import torch; print("PyTorch", torch.__version__)')"
echo
java -Xmx512m -cp "$CP" dev.netwright.bench.training.TrainingBenchmark --idx="$IDX" \
  --peer=bench/peer_pytorch.py --scratch=target/bench-training "$@"
java -Xmx512m -cp "$CP" dev.netwright.bench.training.EpochProfile --design=cnn --jfc=bench/sampling.jfc \
  --scratch=target/bench-profile
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC')"

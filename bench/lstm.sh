#!/usr/bin/env bash
# The LSTM sample on NativeLstmLayer (LSTM engine NATIVE; since decision 0006 on oneDNN's LSTM primitives,
# before that on libnd4j's fused lstmLayer op) against DL4J's own LSTM (LSTM engine DL4J), on 1 thread (the
# native layer also on 2 with --two-threads=true), and the PyTorch peer (docs/benchmarks.md, "Engine: LSTM on
# libnd4j's lstmLayer"); then one epoch each for accuracy.
# Options go to LstmBenchmark, e.g. --rounds=5 --warmup=10 --measured=30. Prints Markdown; progress on stderr.
# Needs the PyTorch peer: apt-get install python3-torch libopenblas0-pthread (it runs under /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
source bench/classpath.sh
CP=$(bench_classpath)
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD); $(/usr/bin/python3 -c 'import torch; print("PyTorch", torch.__version__)')"
echo
java -Xmx512m -cp "$CP" dev.netwright.bench.training.LstmBenchmark --idx="$IDX" --peer=bench/peer_pytorch.py \
  --scratch=target/bench-lstm "$@"
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC')"

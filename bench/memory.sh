#!/usr/bin/env bash
# Peak resident memory of one seed-CNN epoch on the bundled subset (5,000 images, batch 64): the Netwright
# worker (started by `netwright train`, its VmHWM read from /proc until it exits) against the PyTorch peer
# (78 batches, /usr/bin/time's maximum resident set size), alternating. Usage: bench/memory.sh [rounds=3];
# WORKER_JAVA_OPTIONS="..." adds JVM options (via JAVA_TOOL_OPTIONS, so the CLI JVM gets them too).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
data=samples/src/main/resources/dev/netwright/samples/data/fashion-mnist-sample
./netwright samples > /dev/null   # builds on first use
out=$(mktemp -d)
echo "| round | Netwright worker peak RSS (MiB) | PyTorch peak RSS (MiB) | ratio |"
echo "|---|---|---|---|"
for r in $(seq 1 "$rounds"); do
  JAVA_TOOL_OPTIONS="${WORKER_JAVA_OPTIONS:-}" ./netwright train sample:cnn --epochs 1 --out "$out/run$r" > "$out/train$r.log" 2>&1 &
  cli=$!
  worker=""; peak=0
  while kill -0 $cli 2>/dev/null; do
    [ -z "$worker" ] && worker=$(pgrep -f "WorkerMain $out/run$r" || true)
    if [ -n "$worker" ] && [ -r /proc/$worker/status ]; then
      hwm=$(awk '/VmHWM/ {print $2}' /proc/$worker/status 2>/dev/null || echo 0)
      [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
    fi
    sleep 0.1
  done
  torch_kb=$( { OMP_WAIT_POLICY=PASSIVE /usr/bin/time -f '%M' /usr/bin/python3 bench/peer_pytorch.py cnn "$data" 64 10 68 2 > /dev/null; } 2>&1 | tail -1)
  awk -v r="$r" -v n="$peak" -v t="$torch_kb" 'BEGIN {printf "| %d | %.0f | %.0f | %.2f |\n", r, n/1024, t/1024, n/t}'
done
rm -rf "$out"

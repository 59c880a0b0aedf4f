#!/usr/bin/env bash
# Issue 18: the weights of sample:cnn-pretrained. Trains the seed CNN with a 5-unit Output
# (samples/.../cnn-pretrained.json) on the full Fashion-MNIST restricted to classes 0-4 (T-shirt/top, Trouser,
# Pullover, Dress, Coat; 27,000 training, 3,000 validation, 5,000 test images), so that classes 5-9 stay unseen
# for the transfer sample and the transfer benchmark (bench/transfer.sh). Fixed seed and epochs: re-running it
# on the same machine gives the same run. Then writes the two sidecars that netwright-samples ships:
#   cnn-pretrained.weights.npz  every node's weights (the pretrained sample)
#   transfer.weights.npz        the same without the Output's (the transfer sample: its Output starts at random)
# Needs Debian's dataset-fashion-mnist. Usage: bench/transfer-pretrain.sh [OUT_DIR]   (NETWRIGHT=... to use another
# launcher than ./netwright)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nw="${NETWRIGHT:-$root/netwright}"
out="${1:-${TMPDIR:-/tmp}/netwright-transfer-pretrain}"
samples="$root/samples/src/main/resources/dev/netwright/samples"
EPOCHS=3
SEED=42
mkdir -p "$out"
start=$(date +%s)
# the design names its own sidecar: train it without (from random weights), as the sample's weights were made
python3 - "$samples/cnn-pretrained.json" "$out/cnn-pretrained.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d.pop("weights", None)
json.dump(d, open(sys.argv[2], "w"), indent=2, ensure_ascii=False)
PY
"$nw" train "$out/cnn-pretrained.json" --data 'fashion-mnist#classes=0,1,2,3,4' --epochs "$EPOCHS" \
  --seed "$SEED" --out "$out/run" --force
echo "trained in $(( $(date +%s) - start )) s"
cd "$root"
source bench/classpath.sh
java -cp "$(bench_classpath)" dev.netwright.bench.transfer.TransferWeights "$out/run" "$samples"

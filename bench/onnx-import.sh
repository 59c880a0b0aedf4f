#!/usr/bin/env bash
# A ResNet-style CNN trained in PyTorch (Debian's python3-torch) on 10,000 Fashion-MNIST images, written by
# torch.onnx.export, imported with `netwright import` and evaluated with `netwright evaluate` on the 10,000 test
# images: PyTorch's accuracy and Netwright's, side by side. Needs dataset-fashion-mnist. docs/benchmarks.md keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
/usr/bin/python3 bench/pytorch_resnet_onnx.py "$out/resnet.onnx" "${1:-10000}" 2>/dev/null | grep PyTorch
./netwright import "$out/resnet.onnx" -o "$out/resnet.json" | grep -E "^Wrote .*json|^Note"
./netwright evaluate "$out/resnet.json" --data fashion-mnist | head -1 | sed 's/^/Netwright: /'

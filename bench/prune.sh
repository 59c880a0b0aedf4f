#!/usr/bin/env bash
# Pruning the seed CNN trained on the full Fashion-MNIST (Debian's dataset-fashion-mnist): magnitude pruning at
# several sparsities, per layer and global, and structured pruning before and after one epoch of fine-tuning; every
# model evaluated on the 10,000 test images. Prints a Markdown table; docs/benchmarks.md keeps the figures.
# Usage: bench/prune.sh [WORK_DIR] [EPOCHS]   (the base run is trained once and kept in WORK_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/netwright-prune-bench}"
epochs="${2:-3}"
mkdir -p "$work"
base="$work/base"
if [ ! -f "$base/model.zip" ]; then
    ./netwright train sample:cnn --data fashion-mnist --epochs "$epochs" --seed 42 --out "$base" --force > "$work/base.log"
fi
accuracy() { sed -n 's/^accuracy \([0-9.]*\) on \([0-9,]*\).*/\1/p' | head -1; }
base_acc=$(./netwright evaluate "$base" | accuracy)
echo "| model | weights zero | parameters | test accuracy | model.zip |"
echo "|---|---|---|---|---|"
echo "| seed CNN, $epochs epochs | 0 % | 93,322 | $base_acc | $(stat -c %s "$base/model.zip") bytes (with updater state) |"
for scope in layer global; do
    for s in 0.5 0.7 0.9; do
        out="$work/$scope-$s"
        ./netwright prune "$base" --sparsity "$s" --scope "$scope" -o "$out" --force > "$out.log"
        zero=$(sed -n 's/^all .* \([0-9.]*%\)$/\1/p' "$out.log")
        acc=$(sed -n 's/^pruned *\([0-9.]*\) .*/\1/p' "$out.log")
        size=$(sed -n 's/^pruned *[0-9.]* *\([0-9,]*\) bytes/\1/p' "$out.log")
        unpruned=$(sed -n 's/^original *[0-9.]* *\([0-9,]*\) bytes/\1/p' "$out.log")
        echo "| magnitude, $scope, $s | $zero of the weights | 93,322 | $acc | $size bytes (unpruned: $unpruned) |"
    done
done
for s in 0.25 0.5; do
    design="$work/structured-$s.json"
    ./netwright prune "$base" --structured --sparsity "$s" -o "$design" --force > "$design.log"
    params=$(sed -n 's/^parameters [0-9,]* -> \([0-9,]*\);.*/\1/p' "$design.log")
    acc=$(sed -n 's/.*examples -> \([0-9.]*\) on.*/\1/p' "$design.log")
    echo "| structured, $s of filters/units removed | 0 % | $params | $acc (no fine-tuning) | |"
    tuned="$work/structured-$s-tuned"
    ./netwright train "$design" --data fashion-mnist --epochs 1 --seed 42 --out "$tuned" --force > "$tuned.log"
    echo "| structured, $s, + 1 epoch fine-tuning | 0 % | $params | $(./netwright evaluate "$tuned" | accuracy) | $(stat -c %s "$tuned/model.zip") bytes (with updater state) |"
done

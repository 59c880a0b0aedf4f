#!/usr/bin/env bash
# Issue 18's transfer benchmark (docs/benchmarks.md, "Transfer learning (issue 18)"): learning Fashion-MNIST's
# classes 5-9 (Sandal, Shirt, Sneaker, Bag, Ankle boot) from 20, 50 and 100 training images per class, in modes
#   head     the pretrained body (sample:cnn-pretrained, trained on classes 0-4) frozen, only the Output trains
#   convs    the pretrained body with its convolutions frozen: sample:transfer's setting
#   full     every node trains, starting from the pretrained body
#   scratch  the same design from random weights
# with the same epochs, batch and learning rate for all (the same budget), 3 seeds each (the seed draws the images
# per class, the validation split and the random weights). Accuracy on the classes-5-9 test set (5,000 images of
# the full set), and wall time of each `netwright train` (JVM start, data, training, evaluation). Needs Debian's
# dataset-fashion-mnist. Prints a Markdown table of median [min-max] over seeds, with each mode's lead over from
# scratch at the same budget and size (difference of the medians); the raw rows go to OUT/results.tsv.
# Options by environment: EPOCHS ("5 30": one budget after the other; "30" alone gives the first table in the
# docs), BATCH (32), LR (0.001), SIZES ("20 50 100"), SEEDS ("1 2 3"), MODES ("head convs full scratch"),
# OUT (a temporary folder), NETWRIGHT (./netwright).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nw="${NETWRIGHT:-$root/netwright}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/netwright-transfer.XXXXXX")}"
EPOCHS="${EPOCHS:-5 30}"
BATCH="${BATCH:-32}"
LR="${LR:-0.001}"
SIZES="${SIZES:-20 50 100}"
SEEDS="${SEEDS:-1 2 3}"
MODES="${MODES:-head convs full scratch}"
samples="$root/samples/src/main/resources/dev/netwright/samples"
mkdir -p "$out"
# The transfer sample's design without its weights and frozen nodes: each mode says what it starts from.
python3 - "$samples/transfer.json" "$out/design.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d.pop("weights", None)
d.pop("training", None)
for n in d["nodes"]:
    n.pop("trainable", None)
json.dump(d, open(sys.argv[2], "w"), indent=2, ensure_ascii=False)
PY
body="$samples/transfer.json" # names transfer.weights.npz: the pretrained weights of every node but the Output
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'); epochs $EPOCHS, batch $BATCH, learning rate $LR; raw rows: $out/results.tsv" >&2
printf 'mode\tper_class\tepochs\tseed\taccuracy\tseconds\n' > "$out/results.tsv"
for epochs in $EPOCHS; do
  for n in $SIZES; do
    for mode in $MODES; do
      for seed in $SEEDS; do
        case "$mode" in
          head) start=(--init-from "$body" --freeze conv1,conv2,conv3,dense1) ;;
          convs) start=(--init-from "$body" --freeze conv1,conv2,conv3) ;;
          full) start=(--init-from "$body") ;;
          scratch) start=() ;;
          *) echo "unknown mode $mode" >&2; exit 2 ;;
        esac
        run="$out/$mode-$n-$epochs-$seed"
        t0=$(date +%s.%N)
        "$nw" train "$out/design.json" --data "fashion-mnist#classes=5,6,7,8,9#per-class=$n" --epochs "$epochs" \
          --batch "$BATCH" --lr "$LR" --seed "$seed" --out "$run" --force "${start[@]}" > "$run.log" 2>&1
        t1=$(date +%s.%N)
        acc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accuracy"])' "$run/evaluation.json")
        secs=$(python3 -c "print(round($t1 - $t0, 1))")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$n" "$epochs" "$seed" "$acc" "$secs" | tee -a "$out/results.tsv" >&2
      done
    done
  done
done
python3 "$root/bench/transfer-table.py" "$out/results.tsv"
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC')" >&2

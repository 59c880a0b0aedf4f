#!/usr/bin/env bash
# Issue 19's distillation benchmark (docs/benchmarks.md, "Distillation (issue 19)"): the seed CNN (sample:cnn, 93,322
# parameters) trained TEACHER_EPOCHS epochs on the full Fashion-MNIST is the teacher; the student is STUDENT
# (bench/distil-student.json, 21,030 parameters, 22.5 %, by default). For each seed the student trains EPOCHS epochs
# alone (cross-entropy) and the same EPOCHS distilled from the teacher (--distil-from) once per α:T pair of VARIANTS,
# with the same batch, learning rate and seed (the same budget, the same initial weights and the same minibatch order:
# the seed fixes both). Accuracy on the 10,000 test images (the run's evaluation.json), the wall time of each
# `netwright train` and the machine's 1-minute load average when it started. Finished runs already in OUT are reused
# (OUT/teacher, OUT/alone-SEED, OUT/distilled-aA-TT-SEED). Prints a Markdown table; the raw rows go to OUT/results.tsv
# as they come (appended, so several invocations may share an OUT), so a run cut short keeps what it measured.
# Options by environment: TEACHER_EPOCHS (5), EPOCHS (2), VARIANTS ("ALPHA:T", with ALPHA 0.5 and T 4 by default),
# ALONE (yes; no skips the students trained alone), SEEDS ("1 2 3"), STUDENT, OUT (a temporary folder),
# NETWRIGHT (./netwright).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a nw <<<"${NETWRIGHT:-$root/netwright}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/netwright-distil.XXXXXX")}"
TEACHER_EPOCHS="${TEACHER_EPOCHS:-5}"
EPOCHS="${EPOCHS:-2}"
ALPHA="${ALPHA:-0.5}"
T="${T:-4}"
VARIANTS="${VARIANTS:-$ALPHA:$T}"
ALONE="${ALONE:-yes}"
SEEDS="${SEEDS:-1 2 3}"
student="${STUDENT:-$root/bench/distil-student.json}"
mkdir -p "$out"

accuracy() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accuracy"])' "$1/evaluation.json"; }
parameters() {
  python3 -c 'import json,sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "started": print(e["parameters"]); break' "$1/events.jsonl"
}
load() { cut -d' ' -f1 /proc/loadavg; }
train() { # RUN_DIR ARGS...: trains into RUN_DIR unless it holds a finished run; prints the wall seconds and the load
  local dir="$1"; shift
  if [ -f "$dir/evaluation.json" ]; then printf -- '-\t-'; return; fi
  rm -rf "$dir"
  local start; start=$(date +%s)
  local at; at=$(load)
  nice -n 10 "${nw[@]}" train "$@" --data fashion-mnist --out "$dir" > "$dir.log" 2>&1 \
    || { echo "FAILED: see $dir.log" >&2; exit 1; }
  printf '%s\t%s' $(( $(date +%s) - start )) "$at"
}

teacher_time=$(train "$out/teacher" sample:cnn --epochs "$TEACHER_EPOCHS")
teacher_acc=$(accuracy "$out/teacher")
[ -f "$out/results.tsv" ] || printf 'run\tseed\talpha\ttemperature\taccuracy\tparameters\tseconds\tload\n' > "$out/results.tsv"
grep -q '^teacher' "$out/results.tsv" \
  || printf 'teacher\t42\t-\t-\t%s\t%s\t%s\n' "$teacher_acc" "$(parameters "$out/teacher")" "$teacher_time" >> "$out/results.tsv"
for seed in $SEEDS; do
  if [ "$ALONE" = yes ]; then
    s=$(train "$out/alone-$seed" "$student" --epochs "$EPOCHS" --seed "$seed")
    printf 'alone\t%s\t-\t-\t%s\t%s\t%s\n' "$seed" "$(accuracy "$out/alone-$seed")" "$(parameters "$out/alone-$seed")" "$s" \
      >> "$out/results.tsv"
  fi
  for variant in $VARIANTS; do
    a="${variant%%:*}" t="${variant#*:}"
    dir="$out/distilled-a$a-T$t-$seed"
    s=$(train "$dir" "$student" --epochs "$EPOCHS" --seed "$seed" --distil-from "$out/teacher" --alpha "$a" --temperature "$t")
    printf 'distilled\t%s\t%s\t%s\t%s\t%s\t%s\n' "$seed" "$a" "$t" "$(accuracy "$dir")" "$(parameters "$dir")" "$s" \
      >> "$out/results.tsv"
  done
done

python3 - "$out/results.tsv" "$EPOCHS" "$TEACHER_EPOCHS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
epochs, teacher_epochs = sys.argv[2:]
teacher = next(r for r in rows if r["run"] == "teacher")
ta = float(teacher["accuracy"]) * 100
alone = {r["seed"]: r for r in rows if r["run"] == "alone"}  # the last row of a seed wins (a reused run repeats it)
variants = {}
for r in rows:
    if r["run"] == "distilled":
        variants.setdefault((r["alpha"], r["temperature"]), {})[r["seed"]] = r
student = next((r for r in rows if r["run"] != "teacher"), None)
print(f"Teacher: seed CNN, {int(teacher['parameters']):,} parameters, {teacher_epochs} epochs: test accuracy {ta:.2f} %")
if student:
    p = int(student["parameters"])
    print(f"Student: {p:,} parameters ({100 * p / int(teacher['parameters']):.1f} %), {epochs} epochs each\n")
for (alpha, t), dist in variants.items():
    print(f"Distilled with alpha {alpha}, T {t}:\n")
    print("| seed | alone: test accuracy | distilled: test accuracy | distilled − alone | wall s alone / distilled |")
    print("|---|---|---|---|---|")
    a_all, d_all = [], []
    for seed, d_row in dist.items():
        d = float(d_row["accuracy"]) * 100
        if seed not in alone:
            print(f"| {seed} | - | {d:.2f} % | | - / {d_row['seconds']} |")
            continue
        a = float(alone[seed]["accuracy"]) * 100
        a_all.append(a); d_all.append(d)
        print(f"| {seed} | {a:.2f} % | {d:.2f} % | {d - a:+.2f} | {alone[seed]['seconds']} / {d_row['seconds']} |")
    if a_all:
        ma, md = statistics.mean(a_all), statistics.mean(d_all)
        print(f"| mean | {ma:.2f} % | {md:.2f} % | {md - ma:+.2f} | |")
        wins = sum(d > a for a, d in zip(a_all, d_all))
        print(f"\nDistilled beats alone in {wins} of {len(a_all)} seeds (mean {md - ma:+.2f} points); distilled mean is "
              f"{ta - md:.2f} points below the teacher (target: within 1.5): "
              f"{'met' if md > ma and ta - md <= 1.5 else 'NOT met'}\n")
PY

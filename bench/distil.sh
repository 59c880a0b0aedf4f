#!/usr/bin/env bash
# Issue 19's distillation benchmark (docs/benchmarks.md, "Distillation (issue 19)"): the seed CNN (sample:cnn, 93,322
# parameters) trained TEACHER_EPOCHS epochs on the full Fashion-MNIST is the teacher; the student is
# bench/distil-student.json (21,030 parameters, 22.5 %). For each seed the student trains EPOCHS epochs alone
# (cross-entropy) and the same EPOCHS distilled from the teacher (--distil-from, ALPHA, T), with the same batch,
# learning rate and seed (the same budget). Accuracy on the 10,000 test images (the run's evaluation.json) and the
# wall time of each `netwright train`. A teacher run already in OUT/teacher is reused. Prints a Markdown table; the raw
# rows go to OUT/results.tsv as they come, so a run cut short keeps what it measured.
# Options by environment: TEACHER_EPOCHS (5), EPOCHS (2), ALPHA (0.5), T (4), SEEDS ("1 2 3"), OUT (a temporary
# folder), NETWRIGHT (./netwright).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a nw <<<"${NETWRIGHT:-$root/netwright}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/netwright-distil.XXXXXX")}"
TEACHER_EPOCHS="${TEACHER_EPOCHS:-5}"
EPOCHS="${EPOCHS:-2}"
ALPHA="${ALPHA:-0.5}"
T="${T:-4}"
SEEDS="${SEEDS:-1 2 3}"
student="$root/bench/distil-student.json"
mkdir -p "$out"

accuracy() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accuracy"])' "$1/evaluation.json"; }
parameters() {
  python3 -c 'import json,sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["type"] == "started": print(e["parameters"]); break' "$1/events.jsonl"
}
train() { # RUN_DIR ARGS...: trains into RUN_DIR unless it holds a finished run; prints the wall seconds
  local dir="$1"; shift
  if [ -f "$dir/evaluation.json" ]; then echo "-"; return; fi
  rm -rf "$dir"
  local start; start=$(date +%s)
  "${nw[@]}" train "$@" --data fashion-mnist --out "$dir" > "$dir.log" 2>&1 || { echo "FAILED: see $dir.log" >&2; exit 1; }
  echo $(( $(date +%s) - start ))
}

teacher_time=$(train "$out/teacher" sample:cnn --epochs "$TEACHER_EPOCHS")
teacher_acc=$(accuracy "$out/teacher")
printf 'run\tseed\taccuracy\tparameters\tseconds\n' > "$out/results.tsv"
printf 'teacher\t42\t%s\t%s\t%s\n' "$teacher_acc" "$(parameters "$out/teacher")" "$teacher_time" >> "$out/results.tsv"
for seed in $SEEDS; do
  s=$(train "$out/alone-$seed" "$student" --epochs "$EPOCHS" --seed "$seed")
  printf 'alone\t%s\t%s\t%s\t%s\n' "$seed" "$(accuracy "$out/alone-$seed")" "$(parameters "$out/alone-$seed")" "$s" >> "$out/results.tsv"
  s=$(train "$out/distilled-$seed" "$student" --epochs "$EPOCHS" --seed "$seed" --distil-from "$out/teacher" \
      --alpha "$ALPHA" --temperature "$T")
  printf 'distilled\t%s\t%s\t%s\t%s\n' "$seed" "$(accuracy "$out/distilled-$seed")" "$(parameters "$out/distilled-$seed")" "$s" >> "$out/results.tsv"
done

python3 - "$out/results.tsv" "$EPOCHS" "$TEACHER_EPOCHS" "$ALPHA" "$T" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
epochs, teacher_epochs, alpha, t = sys.argv[2:]
teacher = next(r for r in rows if r["run"] == "teacher")
ta = float(teacher["accuracy"]) * 100
print(f"Teacher: seed CNN, {int(teacher['parameters']):,} parameters, {teacher_epochs} epochs: test accuracy {ta:.2f} %")
print(f"Student: {int(rows[1]['parameters']):,} parameters ({100 * int(rows[1]['parameters']) / int(teacher['parameters']):.1f} %), "
      f"{epochs} epochs each; distilled with alpha {alpha}, T {t}\n")
print("| seed | alone: test accuracy | distilled: test accuracy | distilled − alone | wall s alone / distilled |")
print("|---|---|---|---|---|")
alone = {r["seed"]: r for r in rows if r["run"] == "alone"}
dist = {r["seed"]: r for r in rows if r["run"] == "distilled"}
a_all, d_all = [], []
for seed in alone:
    if seed not in dist:
        continue
    a, d = float(alone[seed]["accuracy"]) * 100, float(dist[seed]["accuracy"]) * 100
    a_all.append(a); d_all.append(d)
    print(f"| {seed} | {a:.2f} % | {d:.2f} % | {d - a:+.2f} | {alone[seed]['seconds']} / {dist[seed]['seconds']} |")
if a_all:
    ma, md = statistics.mean(a_all), statistics.mean(d_all)
    print(f"| mean | {ma:.2f} % | {md:.2f} % | {md - ma:+.2f} | |")
    beats = all(d > a for a, d in zip(a_all, d_all))
    print(f"\nDistilled beats alone in {sum(d > a for a, d in zip(a_all, d_all))} of {len(a_all)} seeds "
          f"(mean {md - ma:+.2f} points); distilled mean is {ta - md:.2f} points below the teacher "
          f"(target: within 1.5): {'met' if md > ma and ta - md <= 1.5 else 'NOT met'}")
PY

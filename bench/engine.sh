#!/usr/bin/env bash
# The engine before and after, per sample, against PyTorch (docs/benchmarks.md, "Engine: the four samples"):
# the worker of an earlier build ("before", default: the commit before issue 7's engine work) and of this
# build, and the PyTorch peer, alternating in every round; peak memory of each; then one epoch per sample,
# seed and build for accuracy. Prints Markdown; progress on stderr.
# Usage: bench/engine.sh [--before=COMMIT|none] [EngineBenchmark options, e.g. --rounds=3 --designs=cnn,lstm --seeds=42,7
#        --batches=32,64]
#   or   bench/engine.sh --before=none --before-jvm-options=-Dnetwright.batchnorm=dl4j [...]: "before" is this build's
#        worker with those JVM options (a switch that turns one engine path off), alternating with it as usual.
# First measures the machine's peak (bench/peak.sh, all cores; needs gcc) and passes it as --peak-gflops, so that
# each contender's GFLOP/s is shown as a share of it.
# The "before" worker runs with the JVM options workers had before commit c6b99f8 (G1; EngineBenchmark.
# BEFORE_JVM_OPTIONS), so --before=COMMIT is meant for commits before that one.
# The earlier build is made once in target/bench-before/COMMIT (a git worktree, offline Maven).
# Needs the PyTorch peer: apt-get install python3-torch libopenblas0-pthread (it runs under /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
before=d367ba5^
args=()
for arg in "$@"; do
  case "$arg" in
    --before=*) before="${arg#--before=}" ;;
    *) args+=("$arg") ;;
  esac
done
unset OMP_NUM_THREADS OPENBLAS_NUM_THREADS MKL_NUM_THREADS
before_args=()
commit=none
if [ "$before" != none ]; then
  commit=$(git rev-parse --short "$before")
  tree="$PWD/target/bench-before/$commit"
  jar="$tree/runtime/target/netwright-runtime-0.1.0-SNAPSHOT.jar"
  if [ ! -f "$jar" ]; then
    rm -rf "$tree"; git worktree prune
    git worktree add --detach "$tree" "$commit" >/dev/null
    (cd "$tree" && mvn -B -q -o -Dstyle.color=never -DskipTests -pl runtime -am package >/dev/null)
  fi
  # an earlier build's engine module, if it had one (before it, the engine was inside the runtime jar)
  engine_jar="$tree/engine/target/netwright-engine-0.1.0-SNAPSHOT.jar"
  [ -f "$engine_jar" ] && jar="$jar:$engine_jar"
  before_args=(--before-jar="$jar" --before-label="commit $commit")
fi
peak=$(bench/peak.sh | tail -1 | sed -E 's/.*: ([0-9.]+) GFLOP.*/\1/')
source bench/classpath.sh
CP=$(bench_classpath)
echo "Started $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with changes)'), before = $commit; $(/usr/bin/python3 -c 'import torch; print("PyTorch", torch.__version__)')"
echo
java -Xmx512m -cp "$CP" dev.netwright.bench.training.EngineBenchmark --idx="$IDX" --peer=bench/peer_pytorch.py \
  "${before_args[@]}" --peak-gflops="$peak" --scratch=target/bench-engine "${args[@]}"
echo "Finished $(date -u '+%Y-%m-%d %H:%M UTC')"

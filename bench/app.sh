#!/usr/bin/env bash
# The main window: time from launch to the first frame on screen (against a bare JavaFX window, the floor),
# which classes of ND4J/DL4J the window's JVM loads (none should: training runs in workers), and training
# throughput with the window open and its charts live against the command line's way on the same design; and
# ./netwright itself with and without its class-data sharing archive (NETWRIGHT_CDS=off), alternating.
# Runs under Xvfb (GTK glass). Usage: bench/app.sh [launches=5] [rounds=3, 0 skips the throughput] [epochs=2]
set -euo pipefail
cd "$(dirname "$0")/.."
launches=${1:-5}
pairs=${2:-3}
epochs=${3:-2}
source bench/classpath.sh
cp=$(bench_classpath)
java_cmd=(java --module-path "$(fx_part "$cp")" --add-modules javafx.controls,javafx.swing -cp "$(non_fx_part "$cp")")
home=$(mktemp -d)

# Ends a window started under xvfb-run (its pid): its JVM first, so that xvfb-run still stops its Xvfb (killing
# xvfb-run itself left one Xvfb server running per launch); xvfb-run only if it has not ended after 10 s.
stop_window() {
  pkill -P "$1" java 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true
}

# Starts a JVM under Xvfb, waits for its "window on screen N ms" line (and, for Netwright, "design on screen"),
# prints N, the design's N (or -) and the wall time to the window, kills it.
first_frame() {
  local log; log=$(mktemp)
  local t0; t0=$(date +%s%N)
  xvfb-run -a -s '-screen 0 1600x1000x24' "${java_cmd[@]}" -Dnetwright.home="$home" -Dnetwright.log.level=INFO "$@" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do grep -q 'window on screen' "$log" && break; sleep 0.05; done
  local t1; t1=$(date +%s%N)
  local ms; ms=$(grep -o 'window on screen [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  local design="-"
  if [ "$1" = dev.netwright.app.Netwright ]; then
    for _ in $(seq 1 200); do grep -q 'design on screen' "$log" && break; sleep 0.05; done
    design=$(grep -o 'design on screen [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  fi
  echo "$ms $design $(( (t1 - t0) / 1000000 ))"
  stop_window "$pid"
  rm -f "$log"
}

echo "## Window on screen after launch ($launches launches each, alternating; JVM uptime at the first drawn frame, and wall time from the command including Xvfb start)"
echo
echo "| launch | Netwright open sample:cnn: window (ms) | the CNN drawn in it (ms) | wall to window (ms) | bare JavaFX window (ms) | wall (ms) |"
echo "|---|---|---|---|---|---|"
app=(); design=(); bare=()
for i in $(seq 1 "$launches"); do
  read -r a ad aw < <(first_frame dev.netwright.app.Netwright open sample:cnn)
  read -r b _ bw < <(first_frame dev.netwright.bench.app.EmptyWindow)
  app+=("$a"); design+=("$ad"); bare+=("$b")
  echo "| $i | $a | $ad | $aw | $b | $bw |"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "median: Netwright window $(median "${app[@]}") ms, design drawn $(median "${design[@]}") ms, bare window $(median "${bare[@]}") ms"
echo

# Starts ./netwright open sample:cnn under Xvfb with the given environment (a fresh app folder each time), waits for
# the log file's "window on screen", "design on screen" and "panels on screen" lines, prints the three N, kills the
# window's JVM.
launcher_frame() {
  local config; config=$(mktemp -d)
  local log="$config/netwright/netwright.log"
  env "$@" XDG_CONFIG_HOME="$config" xvfb-run -a -s '-screen 0 1600x1000x24' ./netwright open sample:cnn >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 400); do grep -q 'panels on screen' "$log" 2>/dev/null && break; sleep 0.05; done
  local ms design panels
  ms=$(grep -o 'window on screen [0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' || echo "?")
  design=$(grep -o 'design on screen [0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' || echo "?")
  panels=$(grep -o 'panels on screen [0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' || echo "?")
  echo "$ms $design $panels"
  # the JVM is xvfb-run's child, or the launcher's while it records the classes for the archive
  local p; for p in $(pgrep -P "$pid") $(pgrep -P "$pid" | xargs -r -n1 pgrep -P); do
    [ "$(ps -o comm= -p "$p")" = java ] && kill "$p" 2>/dev/null
  done
  wait "$pid" 2>/dev/null || true
  rm -rf "$config"
}

echo "## ./netwright open sample:cnn with its class-data sharing archive and without (NETWRIGHT_CDS=off), $launches launches each, alternating"
echo
./netwright --version >/dev/null # builds when sources changed, which drops the archive
if [ ! -s app/target/cds/netwright.jsa ]; then
  launcher_frame >/dev/null # the first window records its classes; the archive is made after it closed
  for _ in $(seq 1 600); do [ -s app/target/cds/netwright.jsa ] && ! ls app/target/cds/classes.* >/dev/null 2>&1 && break; sleep 0.2; done
fi
echo "archive: $(du -h app/target/cds/netwright.jsa 2>/dev/null | cut -f1 || echo none); load: $(uptime | sed 's/.*load average: //')"
echo
echo "| launch | without archive: window (ms) | the CNN drawn (ms) | the panels (ms) | with archive: window (ms) | the CNN drawn (ms) | the panels (ms) |"
echo "|---|---|---|---|---|---|---|"
off=(); off_design=(); off_panels=(); on=(); on_design=(); on_panels=()
for i in $(seq 1 "$launches"); do
  read -r a ad ap < <(launcher_frame NETWRIGHT_CDS=off)
  read -r b bd bp < <(launcher_frame NETWRIGHT_CDS=on)
  off+=("$a"); off_design+=("$ad"); off_panels+=("$ap"); on+=("$b"); on_design+=("$bd"); on_panels+=("$bp")
  echo "| $i | $a | $ad | $ap | $b | $bd | $bp |"
done
echo
echo "median: without archive window $(median "${off[@]}") ms, design $(median "${off_design[@]}") ms, panels $(median "${off_panels[@]}") ms;" \
  "with archive window $(median "${on[@]}") ms, design $(median "${on_design[@]}") ms, panels $(median "${on_panels[@]}") ms; load after: $(uptime | sed 's/.*load average: //')"
echo

echo "## Classes the window's JVM loaded from ND4J, DL4J and JavaCPP (open sample:cnn, 8 s)"
log=$(mktemp)
xvfb-run -a -s '-screen 0 1600x1000x24' "${java_cmd[@]}" -verbose:class -Dnetwright.home="$home" \
  dev.netwright.app.Netwright open sample:cnn >"$log" 2>&1 &
pid=$!; sleep 8; stop_window "$pid"
grep -E '\] (org\.nd4j|org\.deeplearning4j|org\.bytedeco)\.' "$log" | awk '{print $2}' | sort | sed 's/^/    /' || true
echo "    total: $(grep -cE '\] (org\.nd4j|org\.deeplearning4j|org\.bytedeco)\.' "$log" || true) of $(grep -c '\] ' "$log") classes"
rm -f "$log"
echo

if [ "$pairs" -gt 0 ]; then
  echo "## Training throughput: the window with its charts live against the command line's way (CNN sample, worker-measured samples per second of epoch time)"
  echo
  xvfb-run -a -s '-screen 0 1600x1000x24' "${java_cmd[@]}" -Dnetwright.home="$home" \
    dev.netwright.bench.app.AppTrainingBenchmark cnn "$pairs" "$epochs" 2>/dev/null
fi

#!/usr/bin/env bash
# What the installer's third-party list costs (decision 21): the installer module's prepare-package with
# license-maven-plugin's add-third-party, against the same build with the goal skipped, alternating; each round
# prints both wall times and the goal's own time from Maven's timestamps. Offline (-o): the dependencies' POMs must
# be in the local repository (any earlier build has put them there).
# Usage: bench/third-party-list.sh [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

build() {  # $1: skip the goal (true|false); prints the wall seconds and the goal's own seconds
  local start end
  start=$(date +%s.%N)
  mvn -B -o -Pinstaller -pl installer -am -DskipTests prepare-package -Dlicense.skipAddThirdParty="$1" \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS > "$log" 2>&1 \
    || { tail -20 "$log" >&2; exit 1; }
  end=$(date +%s.%N)
  # the goal runs from its heading to the next line that is not its own (the build's summary)
  local goal
  goal=$(awk '/add-third-party \(third-party-list\)/ { split($1, a, ":"); s = a[1]*3600 + a[2]*60 + a[3]; next }
              s && /-------/ { split($1, a, ":"); printf "%.1f", a[1]*3600 + a[2]*60 + a[3] - s; exit }' "$log")
  printf '%.1f %s' "$(echo "$end - $start" | bc)" "$goal"
}

printf '%-6s %-26s %-26s\n' round "with the list: wall / goal" "goal skipped: wall / goal"
for r in $(seq 1 "$rounds"); do
  read -r with_wall with_goal <<< "$(build false)"
  read -r without_wall without_goal <<< "$(build true)"
  printf '%-6s %-26s %-26s\n' "$r" "${with_wall} s / ${with_goal} s" "${without_wall} s / ${without_goal} s"
done
wc -l < installer/target/notices-cpu/THIRD-PARTY.txt | xargs printf 'THIRD-PARTY.txt: %s lines\n'

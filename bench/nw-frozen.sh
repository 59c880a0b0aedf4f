#!/usr/bin/env bash
# Runs the netwright CLI from a frozen copy of the built jars (bench/distil.sh makes it), so that a benchmark that
# runs for an hour is not rebuilt under its feet when sources change. Usage: nw-frozen.sh CLI_DIR ARGS...
set -euo pipefail
cli="$1"; shift
classpath="$(cat "$cli/classpath.txt")"
fx="$(tr ':' '\n' <<<"$classpath" | grep '/org/openjfx/.*-linux\.jar$' | paste -sd: || true)"
rest="$(tr ':' '\n' <<<"$classpath" | grep -v '/org/openjfx/' | paste -sd:)"
exec java --module-path "$fx" --add-modules javafx.controls,javafx.swing -cp "$cli/netwright-app-0.1.0-SNAPSHOT.jar:$rest" \
  dev.netwright.app.Netwright "$@"

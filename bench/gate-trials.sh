#!/usr/bin/env bash
# Issue 13's live trials of ./conformance on a real stack (Wine), as a hostile user and a flaky CI would run them:
#
#   bench/gate-trials.sh interrupt [N]     N runs (default 10) in a process group of their own, sent SIGINT or SIGTERM
#                                          (alternating) to the whole group 1 to 12 s after the start (as Ctrl-C or a
#                                          cancelled CI job does); each must exit 130/143 with a JSON report marked
#                                          interrupted and a JUnit file
#   bench/gate-trials.sh wineserver [N]    N runs (default 2) whose wineserver is killed GATE_KILL_AFTER (default 4) + 3i s
#                                          after the start; each must end (no hang)
#                                          with exit 3 and a report naming the scenario and step it stopped at
#
# Prints one line per trial and a count; exits 1 if any trial missed. Extra arguments after N go to ./conformance run
# (e.g. --stack wine-10). The probe is published first (one untimed run of one scenario).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:?interrupt or wineserver}"; shift
trials="${1:-}"; [[ $# -gt 0 ]] && shift
out=$(mktemp -d "${TMPDIR:-/tmp}/gate-trials.XXXXXX")
trap 'rm -rf "$out"' EXIT

./conformance run scenarios/accept/inherits-registration-message-mode.jsonl --jobs 1 "$@" --traces "$out/warm" >/dev/null 2>&1 || true

# Reads the report's "interrupted" and "interruption" fields (one line: "true|interrupted by SIGINT").
report_says() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(str(r.get("interrupted")).lower()+"|"+(r.get("interruption") or "")+"|"+str(r.get("scenarios"))+" of "+str(r.get("planned")))' "$1"; }

good=0
case "$what" in
  interrupt)
    trials="${trials:-10}"
    for i in $(seq 1 "$trials"); do
      signal=$([[ $((i % 2)) -eq 1 ]] && echo INT || echo TERM)
      delay=$(( 1 + (i * 7) % 12 ))
      setsid ./conformance run --jobs 1 "$@" --traces "$out/t$i" --report "$out/r$i.json" --junit "$out/r$i.xml" >"$out/o$i" 2>&1 &
      p=$!
      sleep "$delay"
      kill -"$signal" -- -"$p" 2>/dev/null || true
      timeout 120 tail --pid="$p" -f /dev/null || kill -KILL -- -"$p" 2>/dev/null || true
      rc=0; wait "$p" || rc=$?
      says=$([[ -f "$out/r$i.json" ]] && report_says "$out/r$i.json" || echo "no report")
      ok=no
      [[ ( $rc -eq 130 || $rc -eq 143 ) && $says == true\|* && -s "$out/r$i.xml" ]] && { ok=yes; good=$((good + 1)); }
      echo "trial $i: SIG$signal after ${delay} s: exit $rc; report: $says; $ok"
    done ;;
  wineserver)
    trials="${trials:-2}"
    prefix="${WINEPREFIX:-$PWD/.cache/wineprefix}"
    for i in $(seq 1 "$trials"); do
      delay=$(( ${GATE_KILL_AFTER:-4} + 3 * i ))
      started=$(date +%s)
      setsid ./conformance run --jobs 1 "$@" --traces "$out/t$i" --report "$out/r$i.json" --junit "$out/r$i.xml" >"$out/o$i" 2>&1 &
      p=$!
      sleep "$delay"
      WINEPREFIX="$prefix" timeout 10 wineserver -k 9 >/dev/null 2>&1 || true
      timeout 180 tail --pid="$p" -f /dev/null || kill -KILL -- -"$p" 2>/dev/null || true
      rc=0; wait "$p" || rc=$?
      says=$([[ -f "$out/r$i.json" ]] && report_says "$out/r$i.json" || echo "no report")
      where=$(grep -o 'during [^:]*' "$out/o$i" | head -1 || true)
      step=$(grep -Eo 'at step [0-9]+[^;)]*' "$out/r$i.json" | head -1 || true)
      ok=no
      [[ $rc -eq 3 && $says == true\|* && -n "$step" ]] && { ok=yes; good=$((good + 1)); }
      echo "trial $i: wineserver killed after ${delay} s: exit $rc after $(( $(date +%s) - started )) s; report: $says; ${where:-?}; ${step:-no step named}; $ok"
    done ;;
  *) echo "unknown trial '$what' (interrupt, wineserver)" >&2; exit 2 ;;
esac
echo "$good of $trials trials as expected (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
[[ $good -eq $trials ]]

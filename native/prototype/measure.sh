#!/usr/bin/env bash
# Where a run's time goes under Wine, taken alternating in one sitting (helpers-common.md):
#   native/prototype/measure.sh OUTDIR ROUNDS
# OUTDIR is build.sh's output plus start_console.exe, start_window.exe (experiments/) and, for the
# in-process line, inproc_test.exe + inproc.dll with INPROC_CORE_DIR set (docs/native-shim-design.md).
# Needs WINEPREFIX; warms a persistent wineserver and the keeper first, kills both at the end.
set -euo pipefail
out=${1:?output directory}
rounds=${2:-10}
export WINEDEBUG=-all
uptime
wineserver -p
(wine "$out/keeper.exe" </dev/null >/dev/null 2>&1 &)
sleep 3
declare -A total
names=(console window shim-no-harness)
[[ -n "${INPROC_CORE_DIR:-}" ]] && names+=(in-process-runtime)
now() { date +%s%N; }
for ((r = 0; r < rounds; r++)); do
  for n in "${names[@]}"; do
    t0=$(now)
    case $n in
      console) wine "$out/start_console.exe" || true ;;
      window) wine "$out/start_window.exe" ;;
      shim-no-harness) WINEDLLOVERRIDES=ws2_32=n wine "$out/async_client.exe" async >/dev/null 2>&1 || true ;;
      in-process-runtime) wine "$out/inproc_test.exe" >/dev/null 2>&1 ;;
    esac
    total[$n]="${total[$n]:-} $(( ($(now) - t0) / 1000000 ))"
  done
done
for n in "${names[@]}"; do
  printf '%-20s median %5d ms  (all: %s)\n' "$n" "$(tr ' ' '\n' <<<"${total[$n]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "${total[$n]}"
done
uptime
wineserver -k

#!/usr/bin/env bash
# CPU seconds an exploration costs per run, all processes included (the harness and every wine process it
# started, plus the session's persistent ones: wineserver, explorer, services, the keeper): on a busy
# machine wall time says little, CPU time per run says what an idle 2-core machine would do.
#   native/prototype/cpu_per_run.sh OUTDIR SCHEDULES PROFILES PARALLEL
set -euo pipefail
out=${1:?} schedules=${2:?} profiles=${3:?} parallel=${4:?}
harness=$(dirname "$0")/../prototype-host/Harness/bin/Release/net10.0/shim-harness
export WINEDEBUG=-all
wineserver -p
(wine "$out/keeper.exe" </dev/null >/dev/null 2>&1 &)
sleep 3
ticks=$(getconf CLK_TCK)
session_cpu() { # utime+stime (ticks) of every process whose environment names this WINEPREFIX
  local sum=0 pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if { tr '\0' '\n' < /proc/$pid/environ; } 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX"; then
      sum=$(( sum + $(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0) ))
    fi
  done
  echo $sum
}
before=$(session_cpu)
uptime
/usr/bin/time -f '%e s wall, harness and its children: %U s user + %S s sys' -o /tmp/cpu_per_run.$$ \
  env SHIM_HARNESS_SESSION=external "$harness" explore "$out/async_client.exe" override "$schedules" "$profiles" "$parallel" async
after=$(session_cpu)
cat /tmp/cpu_per_run.$$
read -r wall user sys < <(sed -E 's/^([0-9.]+) s wall.*: ([0-9.]+) s user \+ ([0-9.]+) s sys/\1 \2 \3/' /tmp/cpu_per_run.$$)
rm -f /tmp/cpu_per_run.$$
runs=$(( schedules * profiles ))
# The harness's children are counted by time(1); the persistent session processes by their delta (the
# harness itself carries WINEPREFIX too, but it is still running at the snapshots, and time(1) has it).
awk -v u="$user" -v s="$sys" -v d="$(( after - before ))" -v t="$ticks" -v n="$runs" 'BEGIN {
  session = d / t; total = u + s + session;
  printf "session processes: %.1f s CPU; total %.1f s CPU for %d runs: %.0f ms CPU per run; an idle 2-core machine: at best %.0f runs/s, 600 runs in %.0f s\n",
    session, total, n, 1000 * total / n, 2 * n / total, 600 * total / n / 2 }'
uptime
wineserver -k

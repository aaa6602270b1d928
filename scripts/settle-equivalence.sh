#!/usr/bin/env bash
# Proves the default settling (the wineserver's ordering, docs/settling.md) equivalent to timed settling with a long
# quiet period: runs the corpus and N generated fuzz scenarios both ways on the same stack, then compares every trace
# byte for byte (the header's probe version and date aside) and every verdict. Exit 0 when all are identical, 1 when
# anything differs (the differing files are listed), 2 bad usage.
#
#   scripts/settle-equivalence.sh [--count N] [--seed S] [--quiet-ms Q] [--shards K] [--stack wine-8|wine-10 | --wine DIR] [--compare-only]
#
# Defaults: 2000 scenarios, seed 20261121, 200 ms, 1 shard. Results go to .cache/settle-equivalence/<stack>/ (inside
# the checkout: a wine-10 run sees nothing else): ordered/ and timed/, each with corpus/ and fuzz/ traces, the reports
# and the logs. The timed fuzz costs about Q ms a step (2,000 scenarios are about 29,000 steps: 100 minutes at 200 ms);
# --shards K runs it as K probes at once, which mostly sleep (under wine-10 they take turns: runs on the Debian 13
# root hold it one at a time, so there only each run's own workers share the 100 minutes: about 50 on two cores).
# --compare-only compares what an earlier run left there
# (after a shard was run again by hand, for example).
set -euo pipefail
cd "$(dirname "$0")/.."

count=2000 seed=20261121 quiet=200 shards=1 stack=(--stack wine-8) name=wine-8 compare_only=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --quiet-ms) quiet="$2"; shift 2 ;;
    --shards) shards="$2"; shift 2 ;;
    --stack) stack=(--stack "$2"); name="$2"; shift 2 ;;
    --wine) stack=(--wine "$2"); name="dir-$(printf '%s' "$2" | sha256sum | cut -c1-12)"; shift 2 ;;
    --compare-only) compare_only=true; shift ;;
    *) echo "usage: scripts/settle-equivalence.sh [--count N] [--seed S] [--quiet-ms Q] [--shards K] [--stack NAME | --wine DIR] [--compare-only]" >&2; exit 2 ;;
  esac
done
[[ "$count" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ && "$quiet" =~ ^[0-9]+$ && "$shards" =~ ^[1-9][0-9]*$ ]] \
  || { echo "--count, --seed, --quiet-ms and --shards take numbers (--shards at least 1)" >&2; exit 2; }

out=".cache/settle-equivalence/$name"
if ! $compare_only; then
  rm -rf "$out"
  mkdir -p "$out/ordered" "$out/timed"
fi
say() { printf '[settle-equivalence] %s\n' "$*" >&2; }
now() { date +%s; }

# Each side: the corpus, then the fuzz scenarios. A divergence is a verdict to compare, not a failure of this script.
corpus() { # side, extra options...
  local side="$1"; shift
  ./conformance run "${stack[@]}" "$@" --traces "$out/$side/corpus" --report "$out/$side/corpus.json" >"$out/$side/corpus.log" 2>&1 || true
}
fuzz() { # side, shard, start, count, extra options...
  local side="$1" shard="$2" first="$3" n="$4"; shift 4
  ./conformance fuzz "${stack[@]}" "$@" --count "$n" --seed "$seed" --start "$first" --traces "$out/$side/fuzz" \
    --report "$out/$side/fuzz-$shard.json" --counterexamples "$out/$side/counterexamples" >"$out/$side/fuzz-$shard.log" 2>&1 || true
}

t0=$(now) t1=$t0 t2=$t0
if ! $compare_only; then
say "ordered settling: the corpus, then $count fuzz scenarios (seed $seed)"
corpus ordered
[[ $count -gt 0 ]] && fuzz ordered 0 0 "$count"
t1=$(now)
say "  $((t1 - t0)) s; timed settling, --quiet-ms $quiet: the corpus, then the fuzz scenarios in $shards shard(s)"
# The corpus runs beside the shards: each probe mostly sleeps through its quiet periods.
corpus timed --quiet-ms "$quiet" &
pids=($!)
if [[ $count -gt 0 ]]; then
  per=$(( (count + shards - 1) / shards ))
  for ((k = 0; k < shards; k++)); do
    first=$((k * per)); n=$(( count - first < per ? count - first : per ))
    [[ $n -gt 0 ]] || break
    fuzz timed "$k" "$first" "$n" --quiet-ms "$quiet" &
    pids+=($!)
  done
fi
for p in "${pids[@]}"; do wait "$p"; done
t2=$(now)
say "  $((t2 - t1)) s"
fi

# Traces: every file on either side, byte for byte once the provenance's probe version and date are taken out. A
# step's "note" is free text the checker never compares (how many bytes a fill wrote: a delayed ACK still owed when it
# starts makes it a segment shorter); traces that differ only there are counted apart and listed.
normalise() { sed -E '1s/"probe":"[^"]*"//; 1s/"date":"[^"]*"//' "$1"; }
without_notes() { normalise "$1" | sed -E 's/,?"note":"[^"]*"//'; }
same=0 notes=0 differ=0 missing=0
while read -r rel; do
  a="$out/ordered/$rel" b="$out/timed/$rel"
  if [[ ! -f "$a" || ! -f "$b" ]]; then
    missing=$((missing + 1)); echo "only on one side: $rel"
  elif cmp -s <(normalise "$a") <(normalise "$b"); then
    same=$((same + 1))
  elif cmp -s <(without_notes "$a") <(without_notes "$b"); then
    notes=$((notes + 1)); echo "notes differ only: $rel"
  else
    differ=$((differ + 1)); echo "traces differ: $rel"
    diff <(normalise "$a") <(normalise "$b") | head -6 | sed 's/^/    /' || true
  fi
done < <( (cd "$out/ordered" && find corpus fuzz -name '*.jsonl' 2>/dev/null; cd ../timed && find corpus fuzz -name '*.jsonl' 2>/dev/null) | sort -u)

# Verdicts: each scenario's verdict and flakiness as the reports give them.
verdicts() { # side: "scenario verdict flaky" per line, sorted
  cat "$out/$1"/*.json 2>/dev/null | awk -F'"' '
    /"scenario":/ { s = $4 } /"verdict":/ { v = $4 }
    /"flaky":/ { if (s != "") { f = $3; gsub(/[: ,]/, "", f); print s, v, "flaky=" f; s = "" } }' | sort
}
verdicts ordered >"$out/ordered/verdicts.txt"
verdicts timed >"$out/timed/verdicts.txt"
scenarios=$(wc -l <"$out/ordered/verdicts.txt")
if cmp -s "$out/ordered/verdicts.txt" "$out/timed/verdicts.txt"; then verdict_result="all $scenarios identical"
else verdict_result="DIFFERENT (above)"; diff "$out/ordered/verdicts.txt" "$out/timed/verdicts.txt" | head -20 >&2 || true; fi

echo "settle equivalence on $name: ordered settling against --quiet-ms $quiet; corpus + $count fuzz scenarios (seed $seed)"
echo "  ordered: $((t1 - t0)) s; timed: $((t2 - t1)) s ($shards shard(s))"
echo "  traces: $same identical, $notes identical apart from a note, $differ different, $missing on one side only"
echo "  verdicts: $verdict_result"
[[ $differ -eq 0 && $missing -eq 0 && $same -gt 0 ]] && cmp -s "$out/ordered/verdicts.txt" "$out/timed/verdicts.txt"

#!/usr/bin/env bash
# Packs the NuGet packages (the model, the trace format and checker, the simulated stack, and the command-line tool
# as a .NET tool), checks what each carries (README, licence, XML documentation), installs the tool from the local
# folder into a private tool path and runs its model-only commands: explain, check, and run on the model outside the
# checkout with the known differences the tool carries. A live command must say what it needs. Everything goes under
# OUT_DIR (artifacts/ is ignored by git), so the checkout stays clean.
# Usage: scripts/check-packages.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
out=${1:-artifacts/packages}
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
rm -rf "$out"
mkdir -p "$out/nupkg"
out=$(realpath "$out") # the tool also runs from inside it

for project in src/Model/Model.csproj src/Traces/Traces.csproj src/Simulation/Simulation.csproj src/Cli/Cli.csproj; do
  dotnet pack "$project" --nologo -v quiet -o "$out/nupkg"
done

# Each library package: its README, the licence and the XML documentation beside the assembly.
for id in WinsockConformance.Model WinsockConformance.Traces WinsockConformance.Simulation; do
  package="$out/nupkg/$id.$version.nupkg"
  contents=$(unzip -Z1 "$package")
  for entry in README.md LICENSE "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    if ! grep -qx "$entry" <<<"$contents"; then
      echo "$package: $entry is missing"
      exit 1
    fi
  done
  if ! unzip -p "$package" "$id.nuspec" | grep -q '<license type="expression">MIT</license>'; then
    echo "$package: no MIT licence expression in its nuspec"
    exit 1
  fi
done
echo "packed: $(cd "$out/nupkg" && ls -- *.nupkg | tr '\n' ' ')"

# The tool, installed from the local folder only (no global install, nothing outside OUT_DIR).
dotnet tool install WinsockConformance.Tool --version "$version" --add-source "$out/nupkg" --tool-path "$out/tool" >/dev/null
tool="$out/tool/winsock-conformance"

scenario=scenarios/close/fd-close-immediate-with-unread-data.jsonl
if ! "$tool" explain "$scenario" --all-profiles >"$out/explain.txt"; then
  cat "$out/explain.txt"
  echo "the installed tool's explain failed"
  exit 1
fi
grep -q '^advice: ' "$out/explain.txt" || { echo "explain from the tool printed no advice line"; exit 1; }

traces=(traces/wine-8.0/close/*.jsonl)
if ! "$tool" check "${traces[@]}" --profile wine-8 >"$out/check.txt"; then
  cat "$out/check.txt"
  echo "the installed tool's check failed on the committed Wine 8 captures"
  exit 1
fi
tail -n 1 "$out/check.txt"

# The known differences travel with the tool: run outside a checkout (in OUT_DIR), the model following Wine 8 judged
# against windows must find stacks/wine-8.known.tsv beside the tool and call every divergence known.
root=$PWD
if ! (cd "$out" && "$tool" run --scenarios "$root/scenarios/close" --stack model:wine-8 --profile windows --traces known-traces) >"$out/run-known.txt" 2>&1; then
  cat "$out/run-known.txt"
  echo "the installed tool's run with the known differences beside it failed"
  exit 1
fi
if ! grep -q "known differences: wine-8 (.*tool/.*stacks/wine-8.known.tsv: [0-9]* rules)" "$out/run-known.txt" \
  || ! grep -q '(0 unexpected, [1-9][0-9]* known)' "$out/run-known.txt"; then
  cat "$out/run-known.txt"
  echo "the installed tool did not read the known differences it carries (stacks/ beside it)"
  exit 1
fi
grep 'known differences: ' "$out/run-known.txt" | head -n 1

# A live command cannot run from the tool on Linux: it must say what it needs (Windows, or Wine: the checkout's
# ./conformance, or a win-x64 publish run under wine), with exit code 2 (bad usage).
for command in run fuzz; do
  set +e
  "$tool" "$command" >"$out/$command-live.txt" 2>&1
  status=$?
  set -e
  if [[ $status -ne 2 ]] || ! grep -q 'needs Windows, or Wine' "$out/$command-live.txt" \
    || ! grep -q './conformance run' "$out/$command-live.txt" || ! grep -q 'winsock-conformance.exe under wine' "$out/$command-live.txt"; then
    cat "$out/$command-live.txt"
    echo "$command on the live stack from the tool: expected exit 2 and what it needs, got exit $status"
    exit 1
  fi
done

rm -rf "$out/tool"
echo "packages and the installed tool checked in $((SECONDS - start)) s (packages in $out/nupkg)"

#!/usr/bin/env bash
# Packs the NuGet packages (the model, the trace format and checker, the simulated stack, and the command-line tool
# as a .NET tool), checks what each carries (README, licence, XML documentation), installs the tool from the local
# folder into a private tool path and runs its model-only commands: explain and check. A live command must say
# what it needs. Everything goes under OUT_DIR (artifacts/ is ignored by git), so the checkout stays clean.
# Usage: scripts/check-packages.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
out=${1:-artifacts/packages}
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
rm -rf "$out"
mkdir -p "$out/nupkg"

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

# A live command cannot run from the tool on Linux: it must say what it needs, with exit code 2 (bad usage).
set +e
"$tool" run >"$out/run-live.txt" 2>&1
status=$?
set -e
if [[ $status -ne 2 ]] || ! grep -q 'needs Windows, or Wine' "$out/run-live.txt"; then
  cat "$out/run-live.txt"
  echo "run on the live stack from the tool: expected exit 2 and what it needs, got exit $status"
  exit 1
fi

rm -rf "$out/tool"
echo "packages and the installed tool checked in $((SECONDS - start)) s (packages in $out/nupkg)"

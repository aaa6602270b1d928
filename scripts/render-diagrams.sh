#!/usr/bin/env bash
# Renders every ```mermaid block of docs/*.md with mermaid-cli on Debian's Chromium, so a diagram that does not
# parse fails the build. Installs what is missing: chromium (apt-get) and @mermaid-js/mermaid-cli (npm, into
# .cache/mermaid-cli, its own browser download skipped). Usage: scripts/render-diagrams.sh [OUT_DIR] [svg|png]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
version=12.2.0
tools=.cache/mermaid-cli
out=${1:-artifacts/diagrams}
format=${2:-svg}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing nodejs and npm with apt-get (missing)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if ! command -v chromium >/dev/null; then
  echo "installing chromium with apt-get (missing)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! grep -qs "\"version\": \"$version\"" "$tools/node_modules/@mermaid-js/mermaid-cli/package.json"; then
  echo "installing @mermaid-js/mermaid-cli $version into $tools (puppeteer's browser download skipped)"
  mkdir -p "$tools"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$tools" "@mermaid-js/mermaid-cli@$version" >/dev/null
fi

mkdir -p "$out"
cat > "$out/puppeteer.json" <<JSON
{"executablePath": "$(command -v chromium)",
 "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]}
JSON

# One mmdc per page: it renders every block of the Markdown file in one browser and exits non-zero on the first
# block that does not parse. Fonts are not embedded: the SVGs are a check, not a publication (measured on
# docs/edge-cases.md, 75 diagrams: 72 s of CPU instead of 85 s, 2.5 MB instead of 15 MB).
count=0
for doc in docs/*.md; do
  blocks=$(grep -c '^```mermaid' "$doc" || true)
  if [[ $blocks -eq 0 ]]; then
    continue
  fi
  name=$(basename "$doc" .md)
  if ! "$tools/node_modules/.bin/mmdc" --quiet --no-font-embed --puppeteerConfigFile "$out/puppeteer.json" \
      --input "$doc" --output "$out/$name.md" --outputFormat "$format" >"$out/$name.log" 2>&1; then
    cat "$out/$name.log"
    echo "$doc: a Mermaid diagram does not render (see above)"
    exit 1
  fi
  rendered=$(find "$out" -maxdepth 1 -name "$name-*.$format" | wc -l)
  if [[ $rendered -ne $blocks ]]; then
    echo "$doc: $blocks Mermaid blocks, but $rendered images were rendered"
    exit 1
  fi
  echo "$doc: $blocks diagrams rendered"
  count=$((count + blocks))
done
echo "rendered $count Mermaid diagrams in $((SECONDS - start)) s (into $out)"

#!/usr/bin/env bash
# Two calls through the scripted local provider: starts the scripted local provider (OpenAI and Anthropic wire
# formats on 127.0.0.1), then makes real calls through the engine with `ai-lanes call`: streamed, priced
# from the bundled catalog, with usage by token kind, cost and latency. No account or key needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$root/bin/ai-lanes" --version >/dev/null   # builds the CLI once, before the server races it
"$root/bin/ai-lanes" demo-provider >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q 'openai kind' "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
openai_url=$(sed -n 's/.*openai kind: *baseUrl //p' "$work/server.out")
anthropic_url=$(sed -n 's/.*anthropic kind: *baseUrl //p' "$work/server.out")
[ -n "$openai_url" ] || { echo "the scripted provider did not start:"; cat "$work/server.out"; exit 1; }

# The same providers a team would configure, pointed at the local server instead of the vendors.
cat >"$work/ai-lanes.yaml" <<YAML
providers:
  - id: deepseek
    kind: openai
    baseUrl: $openai_url
  - id: anthropic
    kind: anthropic
    baseUrl: $anthropic_url
YAML

out="$root/ai-lanes-out/try-call"
rm -rf "$out"
common=(--provider-config "$work/ai-lanes.yaml" --out "$out" --ledger "$root/ai-lanes-out/ledger.jsonl" --budget 0.50)

echo "== The scripted provider answers on 127.0.0.1; its answers are scripted, prices are the real catalog's."
echo
echo "== execution lane model: deepseek/deepseek-chat (OpenAI wire format, streamed)"
"$root/bin/ai-lanes" call "${common[@]}" --model deepseek/deepseek-chat \
  "Fix the off-by-one error in Pager.pageCount and explain the change in one sentence."
echo
echo "== reasoning lane model: anthropic/claude-opus-4-5 (Anthropic wire format, streamed)"
"$root/bin/ai-lanes" call "${common[@]}" --model anthropic/claude-opus-4-5 \
  "Plan the fix for the off-by-one error in Pager.pageCount: files, steps, acceptance criteria."
echo
echo "== Both calls are in one audit log (hash-chained) and its reports:"
"$root/bin/ai-lanes" audit verify "$out/audit.jsonl"
"$root/bin/ai-lanes" report "$out/audit.jsonl" --title "try-call: two calls"
echo
echo "== To call real models, write an ai-lanes.yaml like examples/ai-lanes.yaml, export the keys it names, and run:"
echo "   bin/ai-lanes call --provider-config ai-lanes.yaml --model deepseek/deepseek-chat \"your prompt\""

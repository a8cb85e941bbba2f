#!/usr/bin/env bash
# Builds Verinfer and starts a development chain ready for jobs: the inference engine serving the
# bundled models on 127.0.0.1:9955, and a `--dev` node (Alice validating, the three bundled models
# registered, the demo operators Bob, Charlie and Dave online with their `infr` keys in the node's
# keystore) whose off-chain worker runs their jobs on that engine. JSON-RPC on ws://127.0.0.1:9944.
# Extra arguments go to the node. Ctrl-C stops both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ENGINE_LISTEN="${VERINFER_ENGINE_LISTEN:-127.0.0.1:9955}"

ensure_deps
build_workspace

say "starting verinfer-engine on $ENGINE_LISTEN with the models in $VERINFER_ROOT/models"
"$CARGO_TARGET_DIR/release/verinfer-engine" --models "$VERINFER_ROOT/models" --listen "$ENGINE_LISTEN" &
ENGINE_PID=$!
trap 'kill "$ENGINE_PID" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 50); do
	if curl -fsS "http://$ENGINE_LISTEN/health" >/dev/null 2>&1; then break; fi
	kill -0 "$ENGINE_PID" 2>/dev/null || { say "the engine did not start"; exit 1; }
	sleep 0.2
done

say "starting verinfer-node --dev (Ctrl-C to stop)"
"$CARGO_TARGET_DIR/release/verinfer-node" --dev --rpc-cors all \
	--inference-engine-url "http://$ENGINE_LISTEN" "$@"

#!/usr/bin/env bash
# Builds Verinfer and starts a development chain: one validator (Alice) producing and finalizing
# blocks, JSON-RPC on ws://127.0.0.1:9944. Extra arguments go to the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_deps
build_workspace

say "starting verinfer-node --dev (Ctrl-C to stop)"
exec "$CARGO_TARGET_DIR/release/verinfer-node" --dev --rpc-cors all "$@"

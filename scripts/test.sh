#!/usr/bin/env bash
# Runs every Verinfer test: pallet and runtime unit tests, and the end-to-end tests that start
# real node processes and talk to them over JSON-RPC.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_deps
build_workspace

say "running all tests"
cd "$VERINFER_ROOT"
cargo test --release --locked --workspace --all-targets

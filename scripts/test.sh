#!/usr/bin/env bash
# Runs every Verinfer test: pallet and runtime unit tests, and the end-to-end tests that start
# real node processes and talk to them over JSON-RPC.
#
# With cargo-nextest installed (CI machines have it), tests of different binaries run side by
# side (see .config/nextest.toml) and the run ends with nextest's summary line; without it, the
# same tests run one binary after another with `cargo test`. Either way a failing test fails the
# command.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_deps
build_workspace

cd "$VERINFER_ROOT"
if cargo nextest --version >/dev/null 2>&1; then
	say "running all tests with cargo-nextest"
	cargo nextest run --release --locked --workspace --all-targets
else
	say "running all tests with cargo test (install cargo-nextest to run them side by side)"
	cargo test --release --locked --workspace --all-targets
fi

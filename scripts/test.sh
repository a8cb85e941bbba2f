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
# The network test (node/tests/e2e/docker_network.rs) needs Docker, a base image and a Prometheus
# image, none of which depend on the build: prepare them while the workspace builds (on a fresh
# machine: installing Docker, bootstrapping Debian, a minute or two, mostly downloads). If it
# fails, the test says why.
prepare_log="${VERINFER_NET_STATE:-$HOME/.cache/verinfer-network}/prepare.log"
mkdir -p "$(dirname "$prepare_log")"
bash "$VERINFER_ROOT/scripts/network.sh" prepare >"$prepare_log" 2>&1 &
prepare_pid=$!
build_workspace
if wait "$prepare_pid"; then
	say "network test prerequisites ready: $(tail -1 "$prepare_log" | sed 's/\x1b\[[0-9;]*m//g')"
else
	say "network.sh prepare failed (see $prepare_log); the network test will report it"
fi

cd "$VERINFER_ROOT"
if cargo nextest --version >/dev/null 2>&1; then
	say "running all tests with cargo-nextest"
	cargo nextest run --release --locked --workspace --all-targets
else
	say "running all tests with cargo test (install cargo-nextest to run them side by side)"
	cargo test --release --locked --workspace --all-targets
fi

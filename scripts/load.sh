#!/usr/bin/env bash
# Verinfer's load benchmark: builds the workspace (the same build as the start and test
# commands), then runs `verinfer-load` (crate `bench/load`). It starts its own `--dev` chain with
# the engine on free ports, runs the balance-transfer baseline, a sustained stream and a burst of
# signed `submit_job` from many requesters, prints a block-by-block table per scenario, writes the
# section of this chain size into docs/benchmarks.md with its charts in docs/load/, and prints a
# one-line summary last.
#
#   scripts/load.sh                                   # 3 operators (the dev chain's demo operators)
#   scripts/load.sh --operators 16                    # 13 more, added with signed extrinsics
#   scripts/load.sh --scenarios sustained --rate 50 --blocks 20 --no-docs
#   scripts/load.sh --help                            # every option
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_system_packages
ensure_rust
build_workspace

export VERINFER_LOAD_COMMAND="scripts/load.sh${*:+ $*}"
say "running verinfer-load $*"
exec "$CARGO_TARGET_DIR/release/verinfer-load" "$@"

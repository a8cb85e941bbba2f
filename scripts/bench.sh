#!/usr/bin/env bash
# Measures the weights of the Verinfer pallets and writes each pallet's `src/weights.rs`.
#
#   scripts/bench.sh                      # every Verinfer pallet
#   scripts/bench.sh pallet_operators     # one pallet
#
# Builds the runtime wasm with `runtime-benchmarks` into its own folder (the node's embedded runtime
# is left alone) and the node with its `benchmark` subcommands (cargo feature `benchmark`, off in
# the start and test builds), then runs `verinfer-node benchmark pallet` on that wasm. The next
# start or test build relinks the node without the feature; nothing else is rebuilt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
PALLETS=("$@")
[ "${#PALLETS[@]}" -gt 0 ] || PALLETS=(pallet_operators pallet_fees pallet_reputation pallet_jobs pallet_settlement)

ensure_deps
cd "$VERINFER_ROOT"
WASM_DIR="$CARGO_TARGET_DIR/bench-wasm"
mkdir -p "$WASM_DIR"
say "building the benchmark runtime into $WASM_DIR"
WASM_TARGET_DIRECTORY="$WASM_DIR" cargo check --release --locked -p verinfer-runtime --features runtime-benchmarks
say "building verinfer-node with the benchmark subcommands (--features benchmark)"
cargo build --release --locked -p verinfer-node --features benchmark
WASM="$WASM_DIR/verinfer_runtime.wasm"

for pallet in "${PALLETS[@]}"; do
	dir="pallets/${pallet#pallet_}"
	say "benchmarking $pallet into $dir/src/weights.rs"
	"$CARGO_TARGET_DIR/release/verinfer-node" benchmark pallet \
		--runtime "$WASM" --genesis-builder=runtime --genesis-builder-preset=development \
		--pallet "$pallet" --extrinsic '*' --steps "$STEPS" --repeat "$REPEAT" \
		--template scripts/weight-template.hbs --header scripts/license-header.txt \
		--output "$dir/src/weights.rs"
	# Keep the recorded command free of this machine's paths.
	sed -i "s|^// $CARGO_TARGET_DIR/release/verinfer-node\$|// verinfer-node|; s|^// $WASM\$|// <runtime wasm built with runtime-benchmarks>|" "$dir/src/weights.rs"
done

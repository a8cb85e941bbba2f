#!/usr/bin/env bash
# Measures the weights of the Verinfer pallets and of the node's database, and writes them into
# the source.
#
#   scripts/bench.sh                      # every Verinfer pallet, then the database
#   scripts/bench.sh pallet_operators     # one pallet
#   scripts/bench.sh pallet_balances      # a polkadot-sdk pallet (runtime/src/weights/pallet_balances.rs)
#   scripts/bench.sh storage              # only the database (runtime/src/weights/db.rs)
#
# Builds the runtime wasm with `runtime-benchmarks` into its own folder (the node's embedded runtime
# is left alone) and the node with its `benchmark` subcommands (cargo feature `runtime-benchmarks`,
# off in the start and test builds; the node's own wasm is skipped, every command here gets its
# runtime from that folder or from a chain spec). `benchmark pallet` runs on that wasm;
# `benchmark storage` reads and writes the genesis state of the development chain in a ParityDB
# database, the database the node runs on. The next start or test build relinks the node without
# the feature; nothing else is rebuilt.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] ||
	TARGETS=(pallet_operators pallet_fees pallet_reputation pallet_jobs pallet_settlement pallet_balances storage)

ensure_deps
cd "$VERINFER_ROOT"
NODE="$CARGO_TARGET_DIR/release/verinfer-node"
WASM_DIR="$CARGO_TARGET_DIR/bench-wasm"
mkdir -p "$WASM_DIR"

if [[ " ${TARGETS[*]} " == *" storage "* ]]; then
	# The benchmark node carries no runtime of its own: the development chain's raw spec (genesis
	# state with this runtime's code) comes from the node the start and test commands build.
	say "writing the development chain's raw spec with the node of this checkout"
	cargo build --release --locked -p verinfer-node
	"$NODE" build-spec --chain dev --raw 2>/dev/null >"$WASM_DIR/dev-raw.json"
fi

say "building the benchmark runtime into $WASM_DIR"
WASM_TARGET_DIRECTORY="$WASM_DIR" cargo check --release --locked -p verinfer-runtime --features runtime-benchmarks
say "building verinfer-node with the benchmark subcommands (--features runtime-benchmarks)"
# SKIP_WASM_BUILD: the wasm runtimes of the benchmark dependencies are not needed (and one of
# them, frame-storage-access-test-runtime, does not build from crates.io).
SKIP_WASM_BUILD=1 cargo build --release --locked -p verinfer-node --features runtime-benchmarks
WASM="$WASM_DIR/verinfer_runtime.wasm"

for target in "${TARGETS[@]}"; do
	if [ "$target" = storage ]; then
		base="$(mktemp -d)"
		say "benchmarking ParityDB reads and writes into runtime/src/weights/db.rs"
		"$NODE" benchmark storage --chain "$WASM_DIR/dev-raw.json" --base-path "$base" \
			--database paritydb --state-version 1 --warmups 2 --batch-size 1 --metric p95 --mul 2 \
			--template-path scripts/db-weight-template.hbs --header scripts/license-header.txt \
			--weight-path runtime/src/weights/db.rs
		rm -rf "$base"
		sed -i "s|$WASM_DIR/dev-raw.json|<development chain, raw spec>|; s|$base|<temporary folder>|g; s|^// $NODE\$|// verinfer-node|" runtime/src/weights/db.rs
		continue
	fi
	pallet="$target"
	# A Verinfer pallet's weights live in the pallet, a polkadot-sdk pallet's in the runtime.
	dir="pallets/${pallet#pallet_}"
	template=scripts/weight-template.hbs
	output="$dir/src/weights.rs"
	if [ ! -d "$dir" ]; then
		template=scripts/runtime-weight-template.hbs
		output="runtime/src/weights/$pallet.rs"
	fi
	say "benchmarking $pallet into $output"
	"$NODE" benchmark pallet \
		--runtime "$WASM" --genesis-builder=runtime --genesis-builder-preset=development \
		--pallet "$pallet" --extrinsic '*' --steps "$STEPS" --repeat "$REPEAT" \
		--template "$template" --header scripts/license-header.txt --output "$output"
	# Keep the recorded command free of this machine's paths.
	sed -i "s|^// $NODE\$|// verinfer-node|; s|^// $WASM\$|// <runtime wasm built with runtime-benchmarks>|" "$output"
done

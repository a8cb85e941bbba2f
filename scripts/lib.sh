# Shared by the start and test scripts: installs what the build needs and builds the workspace.
# Sourced, not executed.

# Where cargo builds: one folder outside the checkout, shared by every build and test run.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/verinfer-target}"
VERINFER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VERINFER_ROOT

say() { printf '\033[1;34m[verinfer]\033[0m %s\n' "$*" >&2; }

# System packages: protoc (libp2p/litep2p protocol buffers), clang (C/C++ of wasm-opt and friends),
# and OpenSSL's headers with pkg-config (litep2p's WebRTC links the system OpenSSL instead of
# building its own copy: see .cargo/config.toml).
ensure_system_packages() {
	local missing=()
	command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
	command -v clang >/dev/null 2>&1 || missing+=(clang)
	dpkg -s libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
	dpkg -s libssl-dev >/dev/null 2>&1 || missing+=(libssl-dev)
	command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
	if [ "${#missing[@]}" -gt 0 ]; then
		say "installing system packages: ${missing[*]}"
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
	else
		say "system packages present (protoc, clang, libclang-dev, libssl-dev, pkg-config)"
	fi
}

# Rust: the toolchain pinned in rust-toolchain.toml, with the wasm32 target and rust-src.
ensure_rust() {
	if ! command -v rustup >/dev/null 2>&1; then
		say "rustup is required: see https://rustup.rs" && return 1
	fi
	cd "$VERINFER_ROOT"
	local channel
	channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
	say "ensuring Rust $channel with wasm32-unknown-unknown and rust-src"
	rustup toolchain install "$channel" --profile minimal \
		--component rust-src --target wasm32-unknown-unknown >/dev/null 2>&1 ||
		rustup toolchain install "$channel" --profile minimal --component rust-src --target wasm32-unknown-unknown
}

# Node.js and npm: the polkadot.js wallet test (tests/polkadot-js, node/tests/polkadot_js.rs)
# runs with them; @polkadot/api needs Node.js 18 or newer.
ensure_node() {
	local missing=()
	command -v node >/dev/null 2>&1 || missing+=(nodejs)
	command -v npm >/dev/null 2>&1 || missing+=(npm)
	if [ "${#missing[@]}" -gt 0 ]; then
		say "installing system packages: ${missing[*]}"
		local sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	local major
	major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
	if [ "$major" -lt 18 ]; then
		say "Node.js 18 or newer is required (found $(node --version 2>/dev/null || echo none)): see https://nodejs.org" && return 1
	fi
	say "Node.js $(node --version) and npm $(npm --version 2>/dev/null) present"
}

ensure_deps() {
	ensure_system_packages
	ensure_rust
	ensure_node
}

# Builds every target of the workspace (node, runtime, tests) once, in the release profile, so the
# start command and the test command share one set of compiled dependencies.
build_workspace() {
	cd "$VERINFER_ROOT"
	say "building the workspace (release, all targets) into $CARGO_TARGET_DIR"
	cargo build --release --locked --workspace --all-targets
}

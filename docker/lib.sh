# What scripts/network.sh does, as functions: Docker itself, the images, the port layout, and
# waiting for the network. Sourced after scripts/lib.sh, not executed.
#
# Settings (environment):
#   VERINFER_NET_PROJECT      Compose project name, prefix of containers and volumes (verinfer)
#   VERINFER_NET_PORT_OFFSET  added to every default port (0); any single port can also be set
#                             by its own variable, see net_port_layout
#   VERINFER_BIN_DIR          folder with verinfer-node, verinfer-engine and verinfer; when unset,
#                             the workspace is built as the README says and its release folder used
#   VERINFER_BASE_IMAGE       base of the images; when unset: debian:bookworm-slim if present or
#                             pullable, else verinfer/debian:bookworm-slim made by base-image.sh
#   VERINFER_IMAGE            tag of the Verinfer image (verinfer/verinfer:local)
#   VERINFER_PROMETHEUS_IMAGE tag of the Prometheus image (verinfer/prometheus:local)
#   VERINFER_GRAFANA_IMAGE    Grafana's image (grafana/grafana-oss:11.2.0)
#   VERINFER_NET_GRAFANA      `auto` (default: start it when its image is there or pullable), `no`
#   VERINFER_NET_TIMEOUT      seconds `up` waits for finality and the operators (300)

VERINFER_NET_PROJECT="${VERINFER_NET_PROJECT:-verinfer}"
export VERINFER_IMAGE="${VERINFER_IMAGE:-verinfer/verinfer:local}"
export VERINFER_PROMETHEUS_IMAGE="${VERINFER_PROMETHEUS_IMAGE:-verinfer/prometheus:local}"
export VERINFER_GRAFANA_IMAGE="${VERINFER_GRAFANA_IMAGE:-grafana/grafana-oss:11.2.0}"
VERINFER_NET_STATE="${VERINFER_NET_STATE:-$HOME/.cache/verinfer-network}"
VERINFER_COMPOSE_FILE="$VERINFER_ROOT/docker/compose.yml"

# Exit status of `network.sh up` when Docker cannot run on this machine at all (EX_TEMPFAIL):
# the test of the network skips on it, and only on it.
readonly NET_NO_DOCKER=75

# The nodes of docker/compose.yml in the order of their ports.
readonly NET_NODES=(rpc alice bob charlie dave operator-bob operator-charlie operator-dave)
readonly NET_VALIDATORS=(alice bob charlie dave)
readonly NET_OPERATORS=(bob charlie dave)

NET_STARTED=$(date +%s)
# Messages carry the seconds since the script started.
net_say() { printf '\033[1;34m[verinfer-net +%ss]\033[0m %s\n' "$(($(date +%s) - NET_STARTED))" "$*" >&2; }
net_fail() { printf '\033[1;31m[verinfer-net]\033[0m %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ----- Docker -----

# Makes `docker` and Compose usable: installs Debian's docker.io and docker-compose when they are
# missing and starts dockerd when no daemon answers. Returns NET_NO_DOCKER when that fails.
net_ensure_docker() {
	local missing=()
	command -v docker >/dev/null 2>&1 || missing+=(docker.io)
	if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
		missing+=(docker-compose)
	fi
	command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
	if [ "${#missing[@]}" -gt 0 ]; then
		net_say "installing ${missing[*]} (Debian packages)"
		if ! { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
			net_fail "could not install ${missing[*]} with apt: Docker cannot run here"
			return "$NET_NO_DOCKER"
		fi
	fi
	if ! docker info >/dev/null 2>&1; then
		if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
			net_say "starting the Docker daemon (systemctl start docker)"
			as_root systemctl start docker || true
		else
			mkdir -p "$VERINFER_NET_STATE"
			net_say "starting the Docker daemon: dockerd, log in $VERINFER_NET_STATE/dockerd.log"
			as_root setsid dockerd >"$VERINFER_NET_STATE/dockerd.log" 2>&1 </dev/null &
		fi
		local i
		for i in $(seq 1 60); do
			docker info >/dev/null 2>&1 && break
			sleep 0.5
		done
		if ! docker info >/dev/null 2>&1; then
			net_fail "the Docker daemon does not answer: Docker cannot run here"
			[ -f "$VERINFER_NET_STATE/dockerd.log" ] && tail -15 "$VERINFER_NET_STATE/dockerd.log" >&2
			return "$NET_NO_DOCKER"
		fi
	fi
	net_say "Docker $(docker version -f '{{.Server.Version}}' 2>/dev/null) with $(net_compose_version)"
}

# Compose v2 (`docker compose`) when present, otherwise docker-compose v1.
net_compose_cmd() {
	if docker compose version >/dev/null 2>&1; then echo "docker compose"; else echo "docker-compose"; fi
}

net_compose_version() {
	$(net_compose_cmd) version --short 2>/dev/null | sed 's/^/Compose /' || echo "Compose"
}

# Compose on this network's project and file; `--profile grafana` when Grafana is on.
net_compose() {
	local profile=()
	[ "${VERINFER_NET_WITH_GRAFANA:-0}" = 1 ] && profile=(--profile grafana)
	# shellcheck disable=SC2046
	$(net_compose_cmd) -p "$VERINFER_NET_PROJECT" -f "$VERINFER_COMPOSE_FILE" "${profile[@]}" "$@"
}

# ----- images -----

# The base of the images: VERINFER_BASE_IMAGE, else debian:bookworm-slim if present or pullable,
# else the debootstrapped equivalent (built once, then reused). Prints the tag.
net_base_image() {
	if [ -n "${VERINFER_BASE_IMAGE:-}" ]; then
		docker image inspect "$VERINFER_BASE_IMAGE" >/dev/null 2>&1 ||
			timeout 120 docker pull -q "$VERINFER_BASE_IMAGE" >/dev/null 2>&1 || {
			net_fail "base image $VERINFER_BASE_IMAGE is neither present nor pullable"
			return 1
		}
		echo "$VERINFER_BASE_IMAGE"
		return
	fi
	local tag=debian:bookworm-slim
	if docker image inspect "$tag" >/dev/null 2>&1 || timeout 60 docker pull -q "$tag" >/dev/null 2>&1; then
		echo "$tag"
		return
	fi
	tag=verinfer/debian:bookworm-slim
	if ! docker image inspect "$tag" >/dev/null 2>&1; then
		net_say "no image registry reachable: building $tag from Debian's archive with debootstrap"
	fi
	"$VERINFER_ROOT/docker/base-image.sh" "$tag" >&2
	echo "$tag"
}

# Builds an image on base $1 and logs to $VERINFER_NET_STATE/image-build.log: net_build_image BASE
# TAG DOCKERFILE CONTEXT. Images are built one at a time, also across concurrent `up`s that share
# a tag. The legacy builder is asked for explicitly: it is what Debian's docker.io has, and it
# needs no plugin. A rebuild leaves the image it replaced untagged; those that no container uses
# are removed, so that repeated runs do not fill the disk.
net_build_image() {
	local base="$1" tag="$2" dockerfile="$3" context="$4" log start
	mkdir -p "$VERINFER_NET_STATE"
	log="$VERINFER_NET_STATE/image-build.log"
	start=$(date +%s)
	if ! (
		flock 9
		DOCKER_BUILDKIT=0 docker build --force-rm --network host --build-arg "BASE_IMAGE=$base" \
			-f "$dockerfile" -t "$tag" "$context" &&
			docker image prune -f --filter "label=org.opencontainers.image.title=$(
				docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.title"}}' "$tag"
			)"
	) 9>"$VERINFER_NET_STATE/images.lock" >"$log" 2>&1; then
		net_fail "building $tag failed; the end of $log:"
		tail -25 "$log" >&2
		return 1
	fi
	net_say "image $tag ready in $(($(date +%s) - start))s"
}

# Builds the Prometheus image on the base image $1, unless another one is configured.
net_build_prometheus_image() {
	[ "$VERINFER_PROMETHEUS_IMAGE" = verinfer/prometheus:local ] || return 0
	net_build_image "$1" "$VERINFER_PROMETHEUS_IMAGE" "$VERINFER_ROOT/docker/prometheus.Dockerfile" \
		"$VERINFER_ROOT/docker"
}

# Builds the Verinfer image from the binaries in $1 (docker/injected.Dockerfile) on the base
# image $2.
net_build_verinfer_image() {
	local bin_dir="$1" base="$2" context b
	mkdir -p "$VERINFER_NET_STATE"
	context="$(mktemp -d "$VERINFER_NET_STATE/image-context.XXXXXX")"
	# shellcheck disable=SC2064
	trap "rm -rf '$context'" RETURN
	mkdir -p "$context/bin"
	for b in verinfer-node verinfer-engine verinfer; do
		# A hard link costs nothing; a copy where the folders are on different file systems.
		ln "$bin_dir/$b" "$context/bin/$b" 2>/dev/null || cp "$bin_dir/$b" "$context/bin/$b"
	done
	cp "$VERINFER_ROOT/docker/verinfer-healthcheck" "$VERINFER_ROOT/docker/verinfer-insert-keys" "$context/"
	cp -r "$VERINFER_ROOT/models" "$context/models"
	net_say "building $VERINFER_IMAGE from the binaries in $bin_dir (docker/injected.Dockerfile, base $base)"
	net_build_image "$base" "$VERINFER_IMAGE" "$VERINFER_ROOT/docker/injected.Dockerfile" "$context"
}

# ----- ports -----

# Exports every port variable of docker/compose.yml: node i of NET_NODES gets JSON-RPC 9944+i,
# p2p 30333+i and metrics 9615+i; engines 9955..9957, Prometheus 9090, Grafana 3000; all shifted
# by VERINFER_NET_PORT_OFFSET. A variable already set keeps its value.
net_port_layout() {
	local offset="${VERINFER_NET_PORT_OFFSET:-0}" i=0 node var
	NET_PORTS=()
	for node in "${NET_NODES[@]}"; do
		var="VERINFER_${node^^}"
		var="${var//-/_}"
		export "${var}_RPC=$(eval echo "\${${var}_RPC:-$((9944 + offset + i))}")"
		export "${var}_P2P=$(eval echo "\${${var}_P2P:-$((30333 + offset + i))}")"
		export "${var}_METRICS=$(eval echo "\${${var}_METRICS:-$((9615 + offset + i))}")"
		NET_PORTS+=("$(net_port "$node" RPC)" "$(net_port "$node" P2P)" "$(net_port "$node" METRICS)")
		i=$((i + 1))
	done
	i=0
	for node in "${NET_OPERATORS[@]}"; do
		var="VERINFER_ENGINE_${node^^}"
		export "$var=$(eval echo "\${$var:-$((9955 + offset + i))}")"
		NET_PORTS+=("${!var}")
		i=$((i + 1))
	done
	export VERINFER_PROMETHEUS_PORT="${VERINFER_PROMETHEUS_PORT:-$((9090 + offset))}"
	export VERINFER_GRAFANA_PORT="${VERINFER_GRAFANA_PORT:-$((3000 + offset))}"
	NET_PORTS+=("$VERINFER_PROMETHEUS_PORT" "$VERINFER_GRAFANA_PORT")
}

# The value of a port variable of a node: net_port alice RPC.
net_port() {
	local var
	var="VERINFER_${1^^}_$2"
	var="${var//-/_}"
	echo "${!var}"
}

# Fails, naming them, if ports of the layout already accept connections on 127.0.0.1.
net_check_ports_free() {
	local port busy=()
	for port in "${NET_PORTS[@]}"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then busy+=("$port"); fi
	done
	if [ "${#busy[@]}" -gt 0 ]; then
		net_fail "ports in use on 127.0.0.1: ${busy[*]} (another network, or scripts/start.sh?); choose others with VERINFER_NET_PORT_OFFSET=1000"
		return 1
	fi
}

# ----- the chain over JSON-RPC (HTTP on the RPC port) -----

# net_rpc PORT METHOD [PARAMS-JSON]: the raw JSON answer.
net_rpc() {
	curl -fsS --max-time 5 -H 'Content-Type: application/json' \
		-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" "http://127.0.0.1:$1/" 2>/dev/null
}

# The number of a node's best (net_head PORT best) or finalized (net_head PORT finalized) block.
net_head() {
	local port="$1" hash="" hex
	if [ "$2" = finalized ]; then
		hash="$(net_rpc "$port" chain_getFinalizedHead | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')"
		[ -n "$hash" ] || return 1
		hash="\"$hash\""
	fi
	hex="$(net_rpc "$port" chain_getHeader "[$hash]" | sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p')"
	[ -n "$hex" ] || return 1
	printf '%d\n' "$hex"
}

# A node's peer count.
net_peers() {
	net_rpc "$1" system_health | sed -n 's/.*"peers":\([0-9]*\).*/\1/p'
}

# Whether a node says it is syncing (true/false).
net_syncing() {
	net_rpc "$1" system_health | sed -n 's/.*"isSyncing":\(true\|false\).*/\1/p'
}

# ----- waiting -----

# net_wait SECONDS DESCRIPTION COMMAND...: polls COMMAND every 2 s until it succeeds.
net_wait() {
	local timeout="$1" what="$2" deadline
	shift 2
	deadline=$(($(date +%s) + timeout))
	until "$@"; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			net_fail "timed out after ${timeout}s waiting for: $what"
			return 1
		fi
		sleep 2
	done
}

net_node_answers() { net_rpc "$(net_port "$1" RPC)" system_health >/dev/null; }
net_finalized_at_least() { local n; n="$(net_head "$(net_port "$1" RPC)" finalized)" && [ "$n" -ge "$2" ]; }

# An operator node is working when it has peers, is not syncing, follows finality, its engine
# answers, and the chain has its operator online.
net_operator_ready() {
	local op="$1" port engine_var status
	port="$(net_port "operator-$op" RPC)"
	[ "$(net_peers "$port")" -ge 1 ] 2>/dev/null || return 1
	[ "$(net_syncing "$port")" = false ] || return 1
	net_finalized_at_least "operator-$op" 1 || return 1
	engine_var="VERINFER_ENGINE_${op^^}"
	curl -fsS --max-time 3 -o /dev/null "http://127.0.0.1:${!engine_var}/health" 2>/dev/null || return 1
	status="$("$NET_BIN_DIR/verinfer" --url "ws://127.0.0.1:$(net_port rpc RPC)" operator info "//${op^}" 2>/dev/null |
		sed -n 's/^ *status *\([A-Za-z]*\).*/\1/p')"
	[ "$status" = Online ]
}

net_prometheus_ready() { curl -fsS --max-time 3 -o /dev/null "http://127.0.0.1:$VERINFER_PROMETHEUS_PORT/-/ready" 2>/dev/null; }

# Waits until every node answers, the validators finalize and the operators are ready.
net_wait_ready() {
	local timeout="${VERINFER_NET_TIMEOUT:-300}" node op
	for node in "${NET_NODES[@]}"; do
		net_wait "$timeout" "JSON-RPC of $node on port $(net_port "$node" RPC)" net_node_answers "$node" || return 1
	done
	net_say "all nodes answer JSON-RPC; waiting for finality"
	for node in "${NET_VALIDATORS[@]}" rpc; do
		net_wait "$timeout" "$node to finalize block #3" net_finalized_at_least "$node" 3 || return 1
	done
	net_say "the validators finalize (rpc node at #$(net_head "$(net_port rpc RPC)" finalized)); waiting for the operators"
	for op in "${NET_OPERATORS[@]}"; do
		net_wait "$timeout" "operator $op (node, engine, online on chain)" net_operator_ready "$op" || return 1
	done
	net_wait 60 "Prometheus on port $VERINFER_PROMETHEUS_PORT" net_prometheus_ready || return 1
}

# One line per node: its ports, best and finalized block, peers.
net_print_heads() {
	local node port best fin peers
	printf '  %-17s %-6s %-6s %-9s %-9s %s\n' node rpc p2p best finalized peers
	for node in "${NET_NODES[@]}"; do
		port="$(net_port "$node" RPC)"
		best="$(net_head "$port" best 2>/dev/null || echo -)"
		fin="$(net_head "$port" finalized 2>/dev/null || echo -)"
		peers="$(net_peers "$port" 2>/dev/null)"
		printf '  %-17s %-6s %-6s %-9s %-9s %s\n' "$node" "$port" "$(net_port "$node" P2P)" \
			"${best:--}" "${fin:--}" "${peers:--}"
	done
}

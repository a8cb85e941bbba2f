#!/usr/bin/env bash
# A whole Verinfer network in containers on this machine (docker/compose.yml): four validators,
# three operators with their engines, an RPC node for wallets and apps, Prometheus and, when its
# image can be had, Grafana. Every container uses the host's network on its own 127.0.0.1 ports.
#
#   ./scripts/network.sh up       build the images from the release binaries (building those
#                                 first, as the README's commands do, when VERINFER_BIN_DIR is
#                                 unset), start everything, wait until blocks finalize and the
#                                 operators are online, print the endpoints
#   ./scripts/network.sh prepare  only what `up` needs before the binaries: Docker, the base image
#                                 and the Prometheus image (the test command runs it during the build)
#   ./scripts/network.sh status   containers, and each node's best and finalized block and peers
#   ./scripts/network.sh logs [compose logs options] [SERVICE...]
#   ./scripts/network.sh down     remove the containers, their network and their volumes
#
# Docker: installs Debian's docker.io and docker-compose when they are missing and starts dockerd
# when no daemon answers. Without a reachable image registry the images are built on a Debian base
# made with debootstrap (docker/base-image.sh). `up` exits with 75 when Docker cannot run here.
# Settings are environment variables, listed at the top of docker/lib.sh (project name, port
# offset, images, binaries).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$VERINFER_ROOT/docker/lib.sh"

usage() {
	sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | sed -n 's/^# \{0,1\}//p'
}

# The folder holding the three binaries, built first when it is not given.
binaries() {
	if [ -n "${VERINFER_BIN_DIR:-}" ]; then
		NET_BIN_DIR="$VERINFER_BIN_DIR"
	else
		ensure_system_packages
		ensure_rust
		build_workspace
		NET_BIN_DIR="$CARGO_TARGET_DIR/release"
	fi
	local b
	for b in verinfer-node verinfer-engine verinfer; do
		[ -x "$NET_BIN_DIR/$b" ] || { net_fail "$NET_BIN_DIR/$b is missing"; return 1; }
	done
	export NET_BIN_DIR
}

# Whether Grafana's image is present or can be pulled (VERINFER_NET_GRAFANA=no: never).
grafana_available() {
	[ "${VERINFER_NET_GRAFANA:-auto}" != no ] || return 1
	docker image inspect "$VERINFER_GRAFANA_IMAGE" >/dev/null 2>&1 && return 0
	timeout 120 docker pull -q "$VERINFER_GRAFANA_IMAGE" >/dev/null 2>&1
}

project_containers() {
	docker ps -aq --filter "label=com.docker.compose.project=$VERINFER_NET_PROJECT"
}

print_endpoints() {
	local rpc
	rpc="$(net_port rpc RPC)"
	cat >&2 <<EOF

Verinfer network "$VERINFER_NET_PROJECT" is up: 4 validators, 3 operators, 1 RPC node.
  JSON-RPC for wallets and apps  ws://127.0.0.1:$rpc   (also http://127.0.0.1:$rpc)
  Prometheus                     http://127.0.0.1:$VERINFER_PROMETHEUS_PORT
EOF
	if [ "${VERINFER_NET_WITH_GRAFANA:-0}" = 1 ]; then
		echo "  Grafana                        http://127.0.0.1:$VERINFER_GRAFANA_PORT   (dashboard \"Verinfer\"; admin password: ${VERINFER_GRAFANA_PASSWORD:-verinfer})" >&2
	else
		echo "  Grafana                        not started: image $VERINFER_GRAFANA_IMAGE is not present and cannot be pulled" >&2
	fi
	echo >&2
	net_print_heads >&2
	cat >&2 <<EOF

Try:  $NET_BIN_DIR/verinfer --url ws://127.0.0.1:$rpc --suri //Eve job submit iris-logreg --input 630,340,560,240
Logs: $0 logs -f operator-bob      Stop and remove everything: $0 down
EOF
}

cmd_up() {
	local start base
	start=$(date +%s)
	net_ensure_docker || exit $?
	binaries
	base="$(net_base_image)"
	# A daemon that answers but cannot run a container is no use either.
	if ! docker run --rm --network host "$base" true >/dev/null 2>&1; then
		net_fail "Docker cannot run a container here (docker run $base true failed)"
		exit "$NET_NO_DOCKER"
	fi
	net_build_prometheus_image "$base"
	net_build_verinfer_image "$NET_BIN_DIR" "$base"
	net_port_layout
	if [ -z "$(project_containers)" ]; then
		net_check_ports_free
	fi
	if grafana_available; then
		export VERINFER_NET_WITH_GRAFANA=1
	else
		export VERINFER_NET_WITH_GRAFANA=0
		net_say "Grafana skipped: its image $VERINFER_GRAFANA_IMAGE is not present and cannot be pulled (no registry reachable); Prometheus runs without it"
	fi
	net_say "starting project $VERINFER_NET_PROJECT ($(net_compose_version), ports offset ${VERINFER_NET_PORT_OFFSET:-0})"
	net_compose up -d --remove-orphans >&2
	if ! net_wait_ready; then
		net_fail "the network did not come up; containers:"
		net_compose ps >&2 || true
		net_compose logs --tail=30 >&2 || true
		exit 1
	fi
	print_endpoints
	net_say "up in $(($(date +%s) - start))s"
}

# What `up` needs that does not depend on Verinfer's binaries: Docker, the base image and the
# Prometheus image. The test command runs it while the workspace builds.
cmd_prepare() {
	local start base
	start=$(date +%s)
	net_ensure_docker || exit $?
	base="$(net_base_image)"
	net_build_prometheus_image "$base"
	net_say "Docker, the base image $base and the Prometheus image ready in $(($(date +%s) - start))s"
}

cmd_down() {
	if ! docker info >/dev/null 2>&1; then
		net_say "no Docker daemon answers: nothing to remove"
		return
	fi
	export VERINFER_NET_WITH_GRAFANA=1 # so that Grafana's container goes too, if there is one
	net_port_layout
	net_say "removing the containers, network and volumes of project $VERINFER_NET_PROJECT"
	net_compose down --volumes --remove-orphans --timeout 20 >&2
	# Whatever Compose left (a container started by hand into the project, say) goes as well.
	local label="label=com.docker.compose.project=$VERINFER_NET_PROJECT" left=()
	mapfile -t left < <(project_containers)
	[ "${#left[@]}" -eq 0 ] || docker rm -f "${left[@]}" >/dev/null
	mapfile -t left < <(docker volume ls -q --filter "$label")
	[ "${#left[@]}" -eq 0 ] || docker volume rm -f "${left[@]}" >/dev/null
	mapfile -t left < <(docker network ls -q --filter "$label")
	[ "${#left[@]}" -eq 0 ] || docker network rm "${left[@]}" >/dev/null
	net_say "project $VERINFER_NET_PROJECT removed"
}

cmd_status() {
	net_port_layout
	export VERINFER_NET_WITH_GRAFANA=1
	net_compose ps
	echo
	net_print_heads
}

cmd_logs() {
	net_port_layout
	export VERINFER_NET_WITH_GRAFANA=1
	net_compose logs "$@"
}

case "${1:-}" in
up) cmd_up ;;
prepare) cmd_prepare ;;
down) cmd_down ;;
status) cmd_status ;;
logs) shift; cmd_logs "$@" ;;
-h | --help | help) usage ;;
*) usage >&2; exit 2 ;;
esac

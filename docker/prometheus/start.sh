#!/bin/sh
# Starts Prometheus for a Verinfer network: renders prometheus.yml (next to this script) by
# replacing every ${VERINFER_...} in it with that environment variable, which docker/compose.yml
# sets to the nodes' metrics ports, then runs Prometheus on 127.0.0.1:$VERINFER_PROMETHEUS_PORT.
# Plain POSIX sh and sed, so it runs in Debian's Prometheus and in the official busybox image.
set -eu

template="$(dirname "$0")/prometheus.yml"
config=/tmp/prometheus.yml
cp "$template" "$config"
for name in $(env | sed -n 's/^\(VERINFER_[A-Z0-9_]*\)=.*/\1/p'); do
	value="$(printenv "$name")"
	sed -i "s|\${$name}|$value|g" "$config"
done
if grep -n '^[^#]*[$]{' "$config" >&2; then
	echo "prometheus/start.sh: the lines above name variables that are not set" >&2
	exit 1
fi

exec prometheus \
	--config.file="$config" \
	--storage.tsdb.path=/prometheus \
	--storage.tsdb.retention.time="${VERINFER_PROMETHEUS_RETENTION:-15d}" \
	--web.listen-address="127.0.0.1:${VERINFER_PROMETHEUS_PORT:-9090}"

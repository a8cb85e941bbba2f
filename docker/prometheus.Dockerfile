# Prometheus from Debian's package on the same base as Verinfer's image, for machines that reach
# Debian's archive but no registry of images. Elsewhere the official image works as well:
# VERINFER_PROMETHEUS_IMAGE=prom/prometheus (docker/prometheus/start.sh runs in either).
#
#   docker build --network host -f docker/prometheus.Dockerfile -t verinfer/prometheus:local docker
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="verinfer-prometheus" \
	org.opencontainers.image.description="Prometheus from Debian's package, for a Verinfer network"
RUN apt-get update \
	&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus \
	&& rm -rf /var/lib/apt/lists/* \
	&& mkdir -p /prometheus && chown prometheus:prometheus /prometheus
USER prometheus
WORKDIR /prometheus
VOLUME ["/prometheus"]
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]

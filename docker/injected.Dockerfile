# Verinfer's runtime image from binaries built on the host by the README's commands, so that no
# Rust build runs twice (polkadot-sdk calls these "injected" images). The runtime is the same as
# the second stage of docker/Dockerfile; keep the two alike.
#
# The build context is a folder that `scripts/network.sh` (net_build_verinfer_image in
# docker/lib.sh) fills: bin/{verinfer-node,verinfer-engine,verinfer}, models/, and the two helper
# scripts.
#
#   docker build -f docker/injected.Dockerfile -t verinfer/verinfer:local CONTEXT
#
# Build argument BASE_IMAGE: the runtime's base (default debian:bookworm-slim). The host's
# binaries must run on it: build them on the same Debian release or an older one (glibc).

ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="verinfer" \
	org.opencontainers.image.description="Verinfer node, inference engine, command line and bundled models" \
	org.opencontainers.image.source="https://github.com/verinfer/verinfer" \
	org.opencontainers.image.licenses="Apache-2.0"
# libssl3: the binaries link the system OpenSSL (OPENSSL_NO_VENDOR, .cargo/config.toml); curl
# answers the health check; ca-certificates lets the node reach TLS endpoints. A base that has
# them already (docker/base-image.sh's) needs no package lists.
RUN missing=""; \
	for p in libssl3 ca-certificates curl; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done; \
	if [ -n "$missing" ]; then \
		apt-get update \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing \
		&& rm -rf /var/lib/apt/lists/*; \
	fi \
	&& useradd --uid 1000 --user-group --home-dir /data --no-create-home --shell /usr/sbin/nologin verinfer \
	&& mkdir -p /data && chown verinfer:verinfer /data
COPY bin/verinfer-node bin/verinfer-engine bin/verinfer /usr/local/bin/
COPY verinfer-healthcheck verinfer-insert-keys /usr/local/bin/
COPY models/ /usr/share/verinfer/models/
# Fail the build, not the first start, if a binary misses a library. Then the `local` chain spec
# in raw form: a node started with it skips building the genesis state from the runtime's preset,
# seconds of wasm execution at every start (same chain, same genesis hash as `--chain local`).
RUN verinfer-node --version && verinfer-engine --version && verinfer --version \
	&& verinfer-node build-spec --chain local --raw >/usr/share/verinfer/local.json 2>/dev/null
USER verinfer
WORKDIR /data
VOLUME ["/data"]
EXPOSE 30333 9944 9615 9955
ENV VERINFER_MODELS=/usr/share/verinfer/models
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["verinfer-healthcheck"]
ENTRYPOINT ["/usr/local/bin/verinfer-node"]

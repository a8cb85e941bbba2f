#!/usr/bin/env bash
# Builds a minimal Debian bookworm image with debootstrap and imports it into Docker, for machines
# that reach Debian's package archive but no registry of container images. The result stands in
# for `debian:bookworm-slim` as the base of Verinfer's images (build argument BASE_IMAGE).
#
# Usage: docker/base-image.sh [TAG]        (default tag: verinfer/debian:bookworm-slim)
#
# Environment:
#   VERINFER_DEBIAN_MIRROR   the archive to bootstrap from (default http://deb.debian.org/debian)
#   VERINFER_DEBIAN_SUITE    the release (default bookworm)
#   VERINFER_BASE_REBUILD=1  rebuild even if the tag exists
#
# What is in it: debootstrap's `minbase` variant (essential packages and apt), libssl3 (the
# binaries link the system OpenSSL), curl and ca-certificates for health checks, the archive and
# its security updates in apt's sources, and what the official slim images also do: no
# documentation, manual pages or translations are installed, apt keeps no package lists or
# downloaded packages in the image, and /usr/sbin/policy-rc.d forbids packages from starting
# services while an image is built.
set -euo pipefail

TAG="${1:-verinfer/debian:bookworm-slim}"
MIRROR="${VERINFER_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${VERINFER_DEBIAN_SUITE:-bookworm}"

say() { printf '\033[1;34m[verinfer-base]\033[0m %s\n' "$*" >&2; }

if [ "${VERINFER_BASE_REBUILD:-0}" != 1 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
	say "base image $TAG already present"
	exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
	say "installing debootstrap"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/verinfer-rootfs.XXXXXX")"
cleanup() {
	# debootstrap may leave /proc or /sys mounted inside the tree when it fails half-way.
	for m in proc sys dev/pts dev; do umount -l "$ROOTFS/$m" 2>/dev/null || true; done
	rm -rf --one-file-system "$ROOTFS"
}
trap cleanup EXIT

start=$(date +%s)
say "bootstrapping Debian $SUITE (minbase) from $MIRROR into $ROOTFS"
debootstrap --variant=minbase --include=curl,ca-certificates,libssl3 \
	"$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 || {
	say "debootstrap failed; the end of its log:"
	tail -30 "$ROOTFS.log" >&2
	rm -f "$ROOTFS.log"
	exit 1
}
rm -f "$ROOTFS.log"

# apt: the archive, its updates and the security archive; nothing cached in the image.
cat >"$ROOTFS/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${VERINFER_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} $SUITE-security main
SOURCES
cat >"$ROOTFS/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT::Install-Recommends "false";
APT
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker-slim" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
DPKG
printf '#!/bin/sh\n# Packages must not start services while an image is built.\nexit 101\n' \
	>"$ROOTFS/usr/sbin/policy-rc.d"
chmod 0755 "$ROOTFS/usr/sbin/policy-rc.d"

# What debootstrap installed before the exclusions above existed.
find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
rm -rf "$ROOTFS/usr/share/man/"* "$ROOTFS/usr/share/info/"* "$ROOTFS/usr/share/locale/"* \
	"$ROOTFS/var/lib/apt/lists/"* "$ROOTFS/var/cache/apt/"*.bin "$ROOTFS/var/cache/apt/archives/"*.deb \
	"$ROOTFS/var/log/"*.log "$ROOTFS/var/log/apt/"* "$ROOTFS/tmp/"* 2>/dev/null || true
: >"$ROOTFS/etc/machine-id"
# Docker provides these at run time.
rm -f "$ROOTFS/etc/hostname" "$ROOTFS/etc/resolv.conf"

say "importing the tree as $TAG"
tar -C "$ROOTFS" --numeric-owner -c . |
	docker import \
		--change 'CMD ["bash"]' \
		--change 'ENV LANG=C.UTF-8' \
		--message "Debian $SUITE minbase from $MIRROR, built by docker/base-image.sh" \
		- "$TAG" >/dev/null
say "base image $TAG ready ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}'), $(( $(date +%s) - start ))s)"

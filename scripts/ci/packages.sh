#!/usr/bin/env bash
# Debian packages every lane needs. bookworm-backports brings Go 1.21–1.23.
set -euo pipefail
if [ ! -f /etc/apt/sources.list.d/bookworm-backports.sources ] && ! grep -rqs bookworm-backports /etc/apt/sources.list.d/; then
  cat > /etc/apt/sources.list.d/bookworm-backports.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
pkgs=(
  golang-1.19-go golang-1.19-src
  golang-1.21-go golang-1.21-src golang-1.22-go golang-1.22-src golang-1.23-go golang-1.23-src
  dash bash zsh fish curl zip unzip hyperfine
  docker.io debootstrap docker-registry podman catatonit
)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "packages ok"

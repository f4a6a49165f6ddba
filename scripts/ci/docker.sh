#!/usr/bin/env bash
# Container engine for the sandbox/matrix tests, from nothing and without any
# registry. Idempotent; slow artefacts are cached under $GOVM_CI_CACHE keyed by
# content (never by date):
#   1. Debian's docker.io (dockerd 20.10 + /usr/bin/docker) and debootstrap;
#   2. dockerd started in the background (log: $GOVM_CI_CACHE/dockerd.log,
#      data root under $GOVM_CI_CACHE/docker-root so built images survive
#      between CI runs) unless one already answers;
#   3. the base image debian:bookworm-slim made by `debootstrap --variant=minbase`
#      and `docker import` (rootfs tarball cached, import skipped if present),
#      so GOVM_SANDBOX_BASE's default works offline;
#   4. GOROOT copies of Debian's Go toolchains with symlinks dereferenced,
#      for tests that populate a temporary GOVM_HOME/versions/<X.Y.Z>;
#   5. a loopback registry v2 (Debian's docker-registry) on 127.0.0.1:5055, for
#      the push and registry-mirror tests;
#   6. Podman (Debian's 4.3) with the same base image imported into its
#      storage, and a containers.conf for this machine (runc: crun refuses
#      hybrid cgroups here; ulimits within the hard limits), used through
#      CONTAINERS_CONF so no system file is touched;
#   7. GOVM_E2E_DOCKER=1, GOVM_TEST_GOROOTS=…, GOVM_E2E_REGISTRY=127.0.0.1:5055,
#      GOVM_E2E_PODMAN=1 and CONTAINERS_CONF=… appended to $GOVM_CI_CACHE/e2e.env.
#
# Client choice: `docker` is whatever comes first on PATH (the preinstalled 28.x
# client in /usr/local/bin, or Debian's 20.10 in /usr/bin). govm's images are
# built without BuildKit-only features, so either client works; neither
# DOCKER_BUILDKIT nor buildx is required.
set -euo pipefail
cache="${GOVM_CI_CACHE:-/var/cache/govm-ci}"
mkdir -p "$cache/docker"
log() { echo "docker.sh: $*" >&2; }

# 1. packages (also listed in packages.sh; checked again so this script stands alone)
need=()
for p in docker.io debootstrap docker-registry podman catatonit; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v docker >/dev/null || { log "no docker client on PATH"; exit 1; }

# 2. daemon
if ! docker info >/dev/null 2>&1; then
  dockerd_bin=$(command -v dockerd || echo /usr/sbin/dockerd)
  log "starting $dockerd_bin (log: $cache/dockerd.log)"
  mkdir -p "$cache/docker-root"
  # setsid + nohup: the daemon outlives this script and CI's shell.
  setsid nohup "$dockerd_bin" --data-root "$cache/docker-root" >"$cache/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not answer; last log lines:"; tail -n 30 "$cache/dockerd.log" >&2; exit 1; }
fi
log "engine: $(docker version --format 'client {{.Client.Version}}, server {{.Server.Version}}')"

# 3. base image, no registry
base=debian:bookworm-slim
suite=bookworm
mirror=http://deb.debian.org/debian
arch=$(dpkg --print-architecture)
# Key: everything that decides the rootfs content, nothing that depends on the date.
key=$(printf '%s\n' "v1" "$suite" "minbase" "$arch" "$mirror" | sha256sum | cut -c1-16)
rootfs="$cache/docker/rootfs-$suite-$arch-$key.tar"
if ! docker image inspect "$base" >/dev/null 2>&1; then
  if [ ! -s "$rootfs" ]; then
    log "debootstrap $suite (minbase, $arch) -> $rootfs"
    work=$(mktemp -d "$cache/docker/.rootfs.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    debootstrap --variant=minbase --arch="$arch" "$suite" "$work/root" "$mirror" >"$cache/docker/debootstrap.log" 2>&1 \
      || { tail -n 30 "$cache/docker/debootstrap.log" >&2; exit 1; }
    # Slim it like the official -slim image: no apt lists, no caches.
    rm -rf "$work/root/var/lib/apt/lists/"* "$work/root/var/cache/apt/"*.bin "$work/root/var/cache/apt/archives/"*.deb
    tar --numeric-owner -C "$work/root" -cf "$work/rootfs.tar" .
    mv -f "$work/rootfs.tar" "$rootfs"
    rm -rf "$work"
    trap - EXIT
  fi
  log "docker import $rootfs as $base"
  docker import --change 'CMD ["bash"]' - "$base" < "$rootfs" >/dev/null
fi
docker run --rm --network none "$base" true || { log "base image $base does not run"; exit 1; }

# 4. GOROOT copies (symlinks dereferenced), keyed by the Debian package version
goroots="$cache/goroots"
mkdir -p "$goroots"
for minor in 1.19 1.21 1.22 1.23; do
  src=/usr/lib/go-$minor
  [ -x "$src/bin/go" ] || continue
  ver=$(head -n1 "$src/VERSION" | tr -d '\r\n\t ' | sed 's/^go//')
  stamp="$(dpkg-query -W -f '${Version}' "golang-$minor-go" 2>/dev/null || true) $(head -n1 "$src/VERSION")"
  if [ ! -d "$goroots/$ver" ] || [ "$(cat "$goroots/.stamp-$ver" 2>/dev/null)" != "$stamp" ]; then
    log "copying $src -> $goroots/$ver"
    rm -rf "$goroots/.tmp-$ver" "$goroots/$ver"
    cp -rL "$src" "$goroots/.tmp-$ver"
    rm -rf "$goroots/.tmp-$ver/pkg/obj"
    mv "$goroots/.tmp-$ver" "$goroots/$ver"
    printf '%s' "$stamp" > "$goroots/.stamp-$ver"
  fi
done

# 5. loopback registry (docker allows plain HTTP to 127.0.0.0/8 registries)
reg=127.0.0.1:5055
if ! curl -fsS "http://$reg/v2/" >/dev/null 2>&1; then
  mkdir -p "$cache/registry"
  cat > "$cache/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $cache/registry
  delete:
    enabled: true
http:
  addr: $reg
YML
  setsid nohup docker-registry serve "$cache/registry.yml" >"$cache/registry.log" 2>&1 < /dev/null &
  for _ in $(seq 1 60); do curl -fsS "http://$reg/v2/" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "http://$reg/v2/" >/dev/null || { log "registry did not start"; tail -n 20 "$cache/registry.log" >&2; exit 1; }
fi

# 6. podman
conf="$cache/containers.conf"
nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] && nofile=1048576
nproc=$(ulimit -Hu); [ "$nproc" = unlimited ] && nproc=1048576
[ "$nproc" -gt 4096 ] && nproc=4096
cat > "$conf.tmp" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
init_path = "/usr/bin/catatonit"
[engine]
runtime = "runc"
CONF
mv -f "$conf.tmp" "$conf"
export CONTAINERS_CONF="$conf"
if ! podman image exists "$base"; then
  if [ ! -s "$rootfs" ]; then # the docker image was there already: take its filesystem
    cid=$(docker create "$base" true)
    docker export "$cid" > "$rootfs.tmp" && mv -f "$rootfs.tmp" "$rootfs"
    docker rm "$cid" >/dev/null
  fi
  log "podman import $rootfs as $base"
  podman import --change 'CMD ["bash"]' "$rootfs" "$base" >/dev/null
fi
podman run --rm --network none "$base" true || { log "podman cannot run $base"; exit 1; }

# 7. announce
{
  echo "GOVM_E2E_DOCKER=1"
  echo "GOVM_TEST_GOROOTS=$goroots"
  echo "GOVM_E2E_REGISTRY=$reg"
  echo "GOVM_E2E_PODMAN=1"
  echo "CONTAINERS_CONF=$conf"
} >> "$cache/e2e.env"
log "ok"

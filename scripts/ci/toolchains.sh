#!/usr/bin/env bash
# CI part: a loopback Go download mirror built from Debian's toolchains.
#
# For every Debian GOROOT /usr/lib/go-1.X, packs go<VERSION>.linux-amd64.tar.gz
# (official shape, see pack-toolchain.sh) plus its .sha256, and writes index.json
# in the go.dev JSON shape (newest first). Archives are cached under
# $GOVM_CI_CACHE/toolchains, keyed by the dpkg versions of golang-1.X-go and
# golang-1.X-src and by a hash of the packer, so a second run only re-checks keys.
# Announces GOVM_E2E_MIRROR_DIR in $GOVM_CI_CACHE/e2e.env.
#
# Idempotent; safe to run standalone: `bash scripts/ci/toolchains.sh`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${GOVM_CI_CACHE:-/var/cache/govm-ci}"
dir="$cache/toolchains"
mkdir -p "$dir/.keys"
exec 9> "$dir/.lock"
flock 9
rm -rf "$dir"/.pack.* # leftovers of a killed run (we hold the lock)

packer_hash=$(sha256sum < "$here/pack-toolchain.sh" | cut -c1-16)

key_of() { # GOROOT -> content key
  local goroot=$1 minor pkgs
  minor=$(basename "$goroot"); minor=${minor#go-}
  if pkgs=$(dpkg-query -W -f='${Package}=${Version} ' "golang-$minor-go" "golang-$minor-src" 2>/dev/null); then
    echo "packer=$packer_hash $pkgs"
  else # not from dpkg: key on the binary and VERSION themselves
    echo "packer=$packer_hash nodpkg=$(cat "$goroot/VERSION" "$goroot/bin/go" | sha256sum | cut -c1-32)"
  fi
}

goroots=()
for g in /usr/lib/go-1.*; do
  [ -x "$g/bin/go" ] && [ -f "$g/VERSION" ] && goroots+=("$g")
done
[ "${#goroots[@]}" -gt 0 ] || { echo "toolchains: no /usr/lib/go-1.* toolchains (run scripts/ci/packages.sh)" >&2; exit 1; }

# Decide what needs packing.
todo=()
for g in "${goroots[@]}"; do
  minor=$(basename "$g")
  key=$(key_of "$g")
  name=$(cat "$dir/.keys/$minor.name" 2>/dev/null || true)
  if [ -n "$name" ] && [ "$(cat "$dir/.keys/$minor.key" 2>/dev/null)" = "$key" ] \
     && [ -f "$dir/$name" ] && [ -f "$dir/$name.sha256" ] \
     && [ "$(stat -c %s "$dir/$name")" = "$(cat "$dir/.keys/$minor.size" 2>/dev/null)" ]; then
    echo "toolchains: $name cached"
  else
    todo+=("$g")
  fi
done

# Pack the missing ones, two at a time (gzip is single-threaded).
pack_one() {
  local g=$1 minor name
  minor=$(basename "$g")
  rm -f "$dir/.keys/$minor.key"
  name=$(bash "$here/pack-toolchain.sh" "$g" "$dir")
  stat -c %s "$dir/$name" > "$dir/.keys/$minor.size"
  echo "$name" > "$dir/.keys/$minor.name"
  key_of "$g" > "$dir/.keys/$minor.key"
  echo "toolchains: packed $name"
}
pids=()
for g in "${todo[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
  pack_one "$g" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

# Current archive set; drop linux archives that no GOROOT produces any more.
names=()
for g in "${goroots[@]}"; do names+=("$(cat "$dir/.keys/$(basename "$g").name")"); done
for f in "$dir"/go*.linux-*.tar.gz; do
  [ -e "$f" ] || continue
  b=$(basename "$f")
  [[ " ${names[*]} " == *" $b "* ]] || { rm -f "$f" "$f.sha256"; echo "toolchains: removed stale $b"; }
done

# index.json, newest first, in go.dev's shape. Only real files are listed.
tmp="$dir/.index.json.tmp"
{
  echo "["
  first=1
  for n in $(printf '%s\n' "${names[@]}" | sed 's/^go//' | sort -t. -k1,1nr -k2,2nr -k3,3nr | sed 's/^/go/'); do
    v=${n%%.linux-*}
    rest=${n#"$v".linux-}; arch=${rest%%.tar.gz}
    sha=$(cat "$dir/$n.sha256")
    size=$(stat -c %s "$dir/$n")
    [ $first = 1 ] || echo ","
    first=0
    printf '  {"version": "%s", "stable": true, "files": [{"filename": "%s", "os": "linux", "arch": "%s", "version": "%s", "sha256": "%s", "size": %s, "kind": "archive"}]}' \
      "$v" "$n" "$arch" "$v" "$sha" "$size"
  done
  echo
  echo "]"
} > "$tmp"
mv -f "$tmp" "$dir/index.json"

line="GOVM_E2E_MIRROR_DIR=$dir"
touch "$cache/e2e.env"
grep -qxF "$line" "$cache/e2e.env" || echo "$line" >> "$cache/e2e.env"
echo "toolchains: ${#names[@]} archives in $dir"

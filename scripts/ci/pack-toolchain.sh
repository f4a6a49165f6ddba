#!/usr/bin/env bash
# Packs one Go GOROOT (e.g. Debian's /usr/lib/go-1.22) into an archive shaped
# like an official go.dev one: go<VERSION>.linux-amd64.tar.gz with a single top
# folder go/, symlinks and hard links dereferenced (Debian links src, api, misc,
# test and pkg/include into /usr/share), owner 0:0, sorted entries, one mtime,
# no gzip timestamp. Writes <archive> and <archive>.sha256 (bare hex, no
# newline) into OUTDIR atomically, after checking that the archive holds only
# regular files and folders under go/ and that `go/bin/go version` works from a
# relocated extraction with GOROOT unset. Prints the archive's file name.
#
#   usage: pack-toolchain.sh GOROOT OUTDIR
set -euo pipefail
goroot=${1:?usage: pack-toolchain.sh GOROOT OUTDIR}
outdir=${2:?usage: pack-toolchain.sh GOROOT OUTDIR}
goroot=$(cd "$goroot" && pwd -P)
[ -x "$goroot/bin/go" ] || { echo "pack-toolchain: $goroot/bin/go is missing" >&2; exit 1; }

version=$(head -n1 "$goroot/VERSION" | tr -d '\r\n\t ')
if ! [[ $version =~ ^go1(\.[0-9]+){0,2}((rc|beta)[0-9]+)?$ ]]; then
  echo "pack-toolchain: unexpected VERSION '$version' in $goroot" >&2; exit 1
fi
arch=$(uname -m)
case $arch in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
name="$version.linux-$arch.tar.gz"

# One mtime for every entry: the release time recorded in VERSION, else the file's mtime.
epoch=$(sed -n 's/^time //p' "$goroot/VERSION" | head -n1)
epoch=$( { [ -n "$epoch" ] && date -d "$epoch" +%s; } 2>/dev/null || stat -c %Y "$goroot/VERSION")

mkdir -p "$outdir"
work=$(mktemp -d "$outdir/.pack.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/stage"
ln -s "$goroot" "$work/stage/go"

# -h follows the top-level link and every link below it; --hard-dereference stores
# hard-linked files as plain files, as official archives do.
tar -C "$work/stage" -c -h --hard-dereference --sort=name --format=gnu \
  --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  --exclude='go/pkg/obj' --exclude='*.orig' --exclude='*.rej' \
  go | gzip -n -6 > "$work/$name"

# Everything must be a folder or a regular file under go/.
bad=$(tar -tvzf "$work/$name" | awk '$1 !~ /^[-d]/ { print; exit }')
[ -z "$bad" ] || { echo "pack-toolchain: non-regular entry in $name: $bad" >&2; exit 1; }
outside=$(tar -tzf "$work/$name" | grep -v -m1 '^go/' || true)
[ -z "$outside" ] || { echo "pack-toolchain: entry outside go/ in $name: $outside" >&2; exit 1; }

# Relocated extraction: Go must find its GOROOT from its own path.
mkdir "$work/x"
tar -xzf "$work/$name" -C "$work/x"
got=$(cd "$work" && env -u GOROOT -u GOPATH GOTOOLCHAIN=local HOME="$work" GOCACHE="$work/cache" GOENV=off "$work/x/go/bin/go" version)
want="go version $version linux/$arch"
[ "$got" = "$want" ] || { echo "pack-toolchain: relocated go says '$got', want '$want'" >&2; exit 1; }
gr=$(cd "$work" && env -u GOROOT GOTOOLCHAIN=local HOME="$work" GOCACHE="$work/cache" GOENV=off "$work/x/go/bin/go" env GOROOT)
[ "$gr" = "$work/x/go" ] || { echo "pack-toolchain: relocated go env GOROOT is '$gr', want '$work/x/go'" >&2; exit 1; }

printf '%s' "$(sha256sum "$work/$name" | cut -d' ' -f1)" > "$work/$name.sha256"
mv -f "$work/$name" "$outdir/$name"
mv -f "$work/$name.sha256" "$outdir/$name.sha256"
echo "$name"

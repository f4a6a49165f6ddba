#!/usr/bin/env bash
# Builds a real Windows Go toolchain archive from Debian's Go sources, shaped
# like the official go.dev one: go<VERSION>.windows-amd64.zip (top folder go/).
#
# Recipe (see issue 5): copy Debian's GOROOT with symlinks dereferenced,
# restore lib/time/zoneinfo.zip (Debian strips it) from /usr/share/zoneinfo,
# then `GOROOT_BOOTSTRAP=<debian goroot> GOOS=windows GOARCH=amd64
# ./make.bash -distpack` and take pkg/distpack/go<VERSION>.windows-amd64.zip.
#
#   usage: build-go-toolchain.sh DEBIAN_GOROOT OUTDIR
# Prints the archive's file name; writes <archive> and <archive>.sha256 (bare
# hex) into OUTDIR atomically. Slow (minutes): callers cache the result.
set -euo pipefail
goroot=${1:?usage: build-go-toolchain.sh DEBIAN_GOROOT OUTDIR}
outdir=${2:?usage: build-go-toolchain.sh DEBIAN_GOROOT OUTDIR}
goroot=$(cd "$goroot" && pwd -P)
version=$(head -n1 "$goroot/VERSION" | tr -d '\r\n\t ')
[[ $version =~ ^go1\.[0-9]+(\.[0-9]+)?$ ]] || { echo "build-go-toolchain: odd VERSION '$version'" >&2; exit 1; }
name="$version.windows-amd64.zip"

mkdir -p "$outdir"
work=$(mktemp -d "$outdir/.build.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# 1. Dereferenced copy of the GOROOT (Debian links src, api, misc, test, pkg/include).
cp -rL "$goroot" "$work/go"
chmod -R u+w "$work/go"
rm -rf "$work/go/pkg/obj" "$work/go/pkg/tool" "$work/go/bin"

# 2. lib/time/zoneinfo.zip: Go reads it with the "store" method only (zip -0).
if [ ! -f "$work/go/lib/time/zoneinfo.zip" ]; then
  mkdir -p "$work/go/lib/time"
  (cd /usr/share/zoneinfo && find . \( -type f -o -type l \) ! -path './posix/*' ! -path './right/*' \
      ! -name '*.tab' ! -name '*.zi' ! -name '*.list' ! -name 'leapseconds' ! -name 'localtime' \
      ! -name 'posixrules' ! -name 'SECURITY' \
    | sed 's|^\./||' | LC_ALL=C sort | zip -0 -X -q "$work/go/lib/time/zoneinfo.zip" -@)
fi

# 3. Cross-build the Windows distribution with distpack.
(
  cd "$work/go/src"
  env -u GOROOT -u GOPATH -u GOFLAGS -u GOOS -u GOARCH -u CC \
    GOROOT_BOOTSTRAP="$goroot" GOOS=windows GOARCH=amd64 GOTOOLCHAIN=local \
    HOME="$work" GOCACHE="$work/cache" GOENV=off \
    ./make.bash -distpack >&2
)
zip="$work/go/pkg/distpack/$name"
[ -f "$zip" ] || { echo "build-go-toolchain: $zip was not produced" >&2; ls "$work/go/pkg/distpack" >&2 || true; exit 1; }

# 4. Shape check: every entry under go/, and the Windows binaries are there.
list=$(unzip -Z1 "$zip")
outside=$(grep -v -m1 '^go/' <<<"$list" || true)
[ -z "$outside" ] || { echo "build-go-toolchain: entry outside go/: $outside" >&2; exit 1; }
for f in go/bin/go.exe go/bin/gofmt.exe go/VERSION go/lib/time/zoneinfo.zip; do
  grep -qxF "$f" <<<"$list" || { echo "build-go-toolchain: $f missing from $name" >&2; exit 1; }
done

printf '%s' "$(sha256sum "$zip" | cut -d' ' -f1)" > "$work/$name.sha256"
mv -f "$zip" "$outdir/$name"
mv -f "$work/$name.sha256" "$outdir/$name.sha256"
echo "$name"

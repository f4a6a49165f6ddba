// POSIX sh shims, and the sh resolver they share with the `--use-on-cd` hook.
//
// The resolver implements domain/resolution.ts + domain/version-files.ts in
// POSIX sh using built-ins only (read, case, parameter expansion, globbing,
// `[`): no subshell, no external program, no Node.js. Nothing read from a file
// is ever evaluated: every value is checked against [0-9a-z.] and the spec
// grammar before it is used, and it is only ever used inside quotes as a
// folder name under $GOVM_HOME/versions.
//
// The resolver runs under dash, bash and `zsh` in sh emulation (`emulate -L sh`:
// it relies on sh word-splitting rules and on a glob that matches nothing
// staying literal).
import { quoteSh } from '../shells/shared.js';

/**
 * The sh functions. Input: `__govm_home` (GOVM_HOME), `$PWD`, `$GOVM_GO_VERSION`.
 * `__govm_resolve` returns
 *   0  installed: __govm_name (e.g. 1.21.13) and __govm_root (its GOROOT) are set;
 *   1  not installed: __govm_spec is what `govm install` needs;
 *   2  a malformed value: __govm_err is the message (file and line);
 *   3  nothing selects a version (fall back to the system Go);
 *   4  only govm can decide (oldstable, a pre-release go line): ask `govm`.
 * Always set: __govm_src (env|file|global|''), __govm_file, __govm_line,
 * __govm_req (the request, no `go` prefix) and __govm_kind (exact|minimum).
 * `__govm_system PROG` sets __govm_sys to the first PROG on PATH outside any
 * govm shims folder (one holding a `.govm` file), or '' (status 1).
 */
export function posixResolver(): string {
  return RESOLVER;
}

const CR = '\r';

const RESOLVER = String.raw`__govm_cr='${CR}'
__govm_trim() {
  __govm_l=${'$'}{__govm_l#"${'$'}{__govm_l%%[!	 ]*}"}
  __govm_l=${'$'}{__govm_l%"${'$'}{__govm_l##*[!	 ]}"}
}
__govm_bad() {
  if [ -n "$__govm_line" ]; then __govm_err="$__govm_file:$__govm_line: $1"; else __govm_err="$__govm_file: $1"; fi
  return 2
}
__govm_isnum() {
  case $1 in 0) return 0;; [123456789]*) ;; *) return 1;; esac
  case $1 in *[!0123456789]*) return 1;; esac
  [ ${'$'}{#1} -le 9 ]
}
__govm_check() {
  case $1 in
  ''|*[!0123456789abcdefghijklmnopqrstuvwxyz.]*) __govm_bad "not a version (only 0-9, a-z and '.' are allowed)"; return 2;;
  esac
  __govm_v=${'$'}{1#go}
  __govm_a= __govm_b= __govm_c= __govm_shape=
  case $__govm_v in
  latest|stable) __govm_shape=latest;;
  oldstable) __govm_shape=oldstable;;
  *.*)
    __govm_a=${'$'}{__govm_v%%.*} __govm_r=${'$'}{__govm_v#*.}
    if [ "$__govm_r" = x ]; then __govm_shape=major
    else
      __govm_b=${'$'}{__govm_r%%.*}
      if [ "$__govm_b" = "$__govm_r" ]; then
        if __govm_isnum "$__govm_b"; then __govm_shape=minor
        else
          __govm_c=${'$'}{__govm_b#"${'$'}{__govm_b%%[!0123456789]*}"}
          __govm_b=${'$'}{__govm_b%"$__govm_c"}
          case $__govm_c in
          alpha*) __govm_c=${'$'}{__govm_c#alpha};; beta*) __govm_c=${'$'}{__govm_c#beta};; rc*) __govm_c=${'$'}{__govm_c#rc};; *) __govm_c=-;;
          esac
          __govm_isnum "$__govm_b" && __govm_isnum "$__govm_c" && __govm_shape=pre
        fi
      else
        __govm_c=${'$'}{__govm_r#*.}
        if [ "$__govm_c" = x ]; then __govm_shape=minor; else __govm_shape=patch; fi
        __govm_isnum "$__govm_b" || __govm_shape=
        [ "$__govm_shape" = patch ] && { __govm_isnum "$__govm_c" || __govm_shape=; }
      fi
    fi
    __govm_isnum "$__govm_a" || __govm_shape=
    ;;
  *) __govm_isnum "$__govm_v" && { __govm_a=$__govm_v; __govm_shape=major; };;
  esac
  [ -n "$__govm_shape" ] || { __govm_bad "not a version"; return 2; }
  __govm_req=$__govm_v
}
__govm_read() {
  __govm_file=$1 __govm_n=0 __govm_line= __govm_req= __govm_kind=exact __govm_tc= __govm_tcl= __govm_go= __govm_gol= __govm_blk=
  while IFS= read -r __govm_l || [ -n "$__govm_l" ]; do
    __govm_n=$((__govm_n + 1))
    __govm_l=${'$'}{__govm_l%"$__govm_cr"}
    case $2 in
    .go-version)
      __govm_l=${'$'}{__govm_l%%#*}; __govm_trim
      [ -n "$__govm_l" ] || continue
      if [ -n "$__govm_req" ]; then
        __govm_bad2=$__govm_line __govm_line=$__govm_n
        __govm_bad "a second version after line $__govm_bad2 (one version per file)"; return 2
      fi
      __govm_line=$__govm_n
      __govm_check "$__govm_l" || return 2
      ;;
    .tool-versions)
      __govm_l=${'$'}{__govm_l%%#*}; __govm_trim
      __govm_t=${'$'}{__govm_l%%[	 ]*}
      case $__govm_t in golang|go) ;; *) continue;; esac
      __govm_l=${'$'}{__govm_l#"$__govm_t"}; __govm_trim
      __govm_l=${'$'}{__govm_l%%[	 ]*}
      __govm_line=$__govm_n
      [ -n "$__govm_l" ] || { __govm_bad "'$__govm_t' lists no version"; return 2; }
      __govm_check "$__govm_l" || return 2
      return 0
      ;;
    *)
      __govm_l=${'$'}{__govm_l%%//*}; __govm_trim
      if [ -n "$__govm_blk" ]; then
        case $__govm_l in ')'*) __govm_blk=;; esac
        continue
      fi
      case $__govm_l in
      *'(') __govm_blk=1;;
      'go '*|'go	'*)
        [ -n "$__govm_gol" ] && continue
        __govm_l=${'$'}{__govm_l#go}; __govm_trim; __govm_line=$__govm_n
        case $__govm_l in *[' 	']*) __govm_bad "'go' takes one version"; return 2;; esac
        __govm_a=${'$'}{__govm_l%%.*} __govm_r=${'$'}{__govm_l#*.}
        case $__govm_l in
        *.*.*) __govm_b=${'$'}{__govm_r%%.*}; __govm_c=${'$'}{__govm_r#*.}
               __govm_isnum "$__govm_a" && __govm_isnum "$__govm_b" && __govm_isnum "$__govm_c" || __govm_a=-;;
        *.*) __govm_b=${'$'}{__govm_r%%[abr]*}; __govm_c=${'$'}{__govm_r#"$__govm_b"}
             case $__govm_c in '') ;; rc*) __govm_isnum "${'$'}{__govm_c#rc}" || __govm_a=-;; beta*) __govm_isnum "${'$'}{__govm_c#beta}" || __govm_a=-;; *) __govm_a=-;; esac
             __govm_isnum "$__govm_a" && __govm_isnum "$__govm_b" || __govm_a=-;;
        *) __govm_a=-;;
        esac
        [ "$__govm_a" = - ] && { __govm_bad "'go' needs a Go version such as 1.21 or 1.21.3"; return 2; }
        __govm_check "$__govm_l" || return 2
        __govm_go=$__govm_req __govm_gol=$__govm_n __govm_req=
        ;;
      'toolchain '*|'toolchain	'*)
        [ -n "$__govm_tcl" ] && continue
        __govm_l=${'$'}{__govm_l#toolchain}; __govm_trim; __govm_line=$__govm_n
        case $__govm_l in *[' 	']*) __govm_bad "'toolchain' takes one version"; return 2;; esac
        __govm_tcl=$__govm_n
        case $__govm_l in
        default) ;;
        go*) __govm_check "$__govm_l" || return 2; __govm_tc=$__govm_req __govm_req=;;
        *) __govm_bad "toolchain must be 'default' or goX.Y.Z"; return 2;;
        esac
        ;;
      esac
      ;;
    esac
  done < "$1"
  case $2 in
  .go-version|.tool-versions) [ -n "$__govm_req" ] && return 0; return 1;;
  esac
  if [ -n "$__govm_tc" ]; then __govm_line=$__govm_tcl; __govm_check "$__govm_tc"; return 0; fi
  if [ -n "$__govm_go" ]; then __govm_line=$__govm_gol; __govm_check "$__govm_go"; __govm_kind=minimum; return 0; fi
  return 1
}
__govm_find() {
  __govm_d=${'$'}{PWD:-/}
  [ "$__govm_d" = / ] && __govm_d=
  while :; do
    for __govm_f in .go-version .tool-versions go.work go.mod; do
      if [ -f "$__govm_d/$__govm_f" ]; then
        __govm_read "$__govm_d/$__govm_f" "$__govm_f"
        case $? in 0) __govm_src=file; return 0;; 2) return 2;; esac
      fi
    done
    [ -n "$__govm_d" ] || break
    __govm_d=${'$'}{__govm_d%/*}
  done
  if [ -f "$__govm_home/version" ]; then
    __govm_read "$__govm_home/version" .go-version
    case $? in 0) __govm_src=global; return 0;; 2) return 2;; esac
  fi
  __govm_file= __govm_line=
  return 3
}
__govm_newest() {
  __govm_name= __govm_bx=-1 __govm_by=-1 __govm_bz=-1
  for __govm_p in "$__govm_home"/versions/*; do
    __govm_n=${'$'}{__govm_p##*/}
    case $__govm_n in *[!0123456789.]*|.*|*.|*..*|0[0123456789]*|*.0[0123456789]*) continue;; esac
    __govm_x=${'$'}{__govm_n%%.*} __govm_r=${'$'}{__govm_n#*.}
    [ "$__govm_x" = "$__govm_n" ] && continue
    __govm_y=${'$'}{__govm_r%%.*}
    if [ "$__govm_y" = "$__govm_r" ]; then
      # a bare 1.X folder is a release only before 1.21 (then it equals 1.X.0)
      [ "$__govm_x" -eq 0 ] || { [ "$__govm_x" -eq 1 ] && [ "$__govm_y" -lt 21 ]; } || continue
      __govm_z=0
    else
      __govm_z=${'$'}{__govm_r#*.}
      case $__govm_z in *.*) continue;; esac
    fi
    [ -n "$1" ] && [ "$__govm_x" != "$1" ] && continue
    [ -n "$2" ] && [ "$__govm_y" != "$2" ] && continue
    [ -n "$3" ] && [ "$__govm_z" -lt "$3" ] && continue
    if [ "$__govm_x" -gt "$__govm_bx" ] || { [ "$__govm_x" -eq "$__govm_bx" ] && {
         [ "$__govm_y" -gt "$__govm_by" ] || { [ "$__govm_y" -eq "$__govm_by" ] && [ "$__govm_z" -gt "$__govm_bz" ]; }; }; }; then
      __govm_name=$__govm_n __govm_bx=$__govm_x __govm_by=$__govm_y __govm_bz=$__govm_z
    fi
  done
  [ -n "$__govm_name" ]
}
__govm_resolve() {
  __govm_src= __govm_file= __govm_line= __govm_req= __govm_kind=exact __govm_spec= __govm_name= __govm_root= __govm_err=
  if [ -n "${'$'}{GOVM_GO_VERSION:-}" ]; then
    __govm_src=env __govm_file=GOVM_GO_VERSION __govm_l=$GOVM_GO_VERSION
    __govm_trim
    __govm_check "$__govm_l" || return 2
  else
    __govm_find
    case $? in 0) ;; 2) return 2;; *) return 3;; esac
  fi
  __govm_spec=$__govm_req
  if [ "$__govm_kind" = minimum ]; then
    __govm_spec=$__govm_a.$__govm_b
    case $__govm_shape in
    pre) return 4;;
    minor) __govm_newest "$__govm_a" "$__govm_b" 0;;
    *) __govm_newest "$__govm_a" "$__govm_b" "$__govm_c";;
    esac
  else
    case $__govm_shape in
    oldstable) return 4;;
    latest) __govm_newest '' '' '';;
    major) __govm_newest "$__govm_a" '' '';;
    minor) __govm_newest "$__govm_a" "$__govm_b" '';;
    *)
      __govm_name=$__govm_req
      if [ ! -d "$__govm_home/versions/$__govm_name" ] && [ "$__govm_shape" = patch ] && [ "$__govm_c" = 0 ] \
         && { [ "$__govm_a" -eq 0 ] || { [ "$__govm_a" -eq 1 ] && [ "$__govm_b" -lt 21 ]; }; }; then
        __govm_name=$__govm_a.$__govm_b
      fi
      [ -d "$__govm_home/versions/$__govm_name" ] || __govm_name=
      ;;
    esac
  fi
  [ -n "$__govm_name" ] || return 1
  __govm_root=$__govm_home/versions/$__govm_name
  return 0
}
__govm_system() {
  __govm_sys= __govm_pp=$PATH:
  while [ -n "$__govm_pp" ]; do
    __govm_d=${'$'}{__govm_pp%%:*} __govm_pp=${'$'}{__govm_pp#*:}
    [ -n "$__govm_d" ] || __govm_d=.
    [ "$__govm_d" = "$__govm_home/shims" ] && continue
    [ -f "$__govm_d/.govm" ] && continue
    if [ -f "$__govm_d/$1" ] && [ -x "$__govm_d/$1" ]; then __govm_sys=$__govm_d/$1; return 0; fi
  done
  return 1
}
`;

export interface ShimOptions {
  /** GOVM_HOME the shim belongs to. */
  readonly home: string;
  /** The program it stands for: go, gofmt, … */
  readonly program: string;
  /** config.json's autoInstall at sync time (GOVM_AUTO_INSTALL overrides it at run time). */
  readonly autoInstall: boolean;
  /** How to start govm for the uncommon paths: node + dist/govm.cjs, or undefined for `govm` on PATH. */
  readonly govm?: { readonly node: string; readonly cli: string } | undefined;
}

/** The text of one shim, `$GOVM_HOME/shims/<program>`. */
export function posixShim(o: ShimOptions): string {
  const govm = o.govm
    ? `__govm_cmd() { GOVM_HOME=$__govm_home "$__govm_node" "$__govm_cli" "$@"; }\n__govm_node=${quoteSh(o.govm.node)}\n__govm_cli=${quoteSh(o.govm.cli)}\n`
    : '__govm_cmd() { GOVM_HOME=$__govm_home govm "$@"; }\n';
  return `#!/bin/sh
# govm shim for '${o.program}' (generated by govm; rewritten on every install,
# uninstall and config change: do not edit). Resolution: see README "Switching versions".
__govm_home=${quoteSh(o.home)}
__govm_prog=${quoteSh(o.program)}
__govm_auto=${o.autoInstall ? 1 : 0}
${govm}${RESOLVER}${RUN}`;
}

const RUN = String.raw`__govm_resolve
__govm_rc=$?
if [ $__govm_rc -eq 1 ]; then
  case ${'$'}{GOVM_AUTO_INSTALL:-} in
  1|true|yes|on|TRUE|YES|ON|True|Yes|On) __govm_auto=1;;
  0|false|no|off|FALSE|NO|OFF|False|No|Off) __govm_auto=0;;
  esac
  if [ "$__govm_auto" = 1 ]; then
    __govm_cmd install "$__govm_spec" >&2 || exit $?
    __govm_resolve
    __govm_rc=$?
  fi
fi
case $__govm_rc in
0) ;;
1)
  if [ "$__govm_kind" = minimum ]; then __govm_what="go >= $__govm_req"; else __govm_what="Go $__govm_req"; fi
  if [ -n "$__govm_file" ]; then __govm_what="$__govm_what (from $__govm_file)"; fi
  printf 'govm: %s is not installed; run: govm install %s\n' "$__govm_what" "$__govm_spec" >&2
  exit 127;;
2) printf 'govm: %s\n' "$__govm_err" >&2; exit 2;;
3)
  if __govm_system "$__govm_prog"; then exec "$__govm_sys" "$@"; fi
  printf 'govm: no Go version is selected here and there is no %s on PATH; run: govm global <version>\n' "$__govm_prog" >&2
  exit 127;;
*) __govm_cmd exec -- "$__govm_prog" "$@"; exit $?;;
esac
if [ ! -x "$__govm_root/bin/$__govm_prog" ]; then
  printf 'govm: Go %s has no program %s\n' "$__govm_name" "$__govm_prog" >&2
  exit 127
fi
GOROOT=$__govm_root
export GOROOT
if [ -z "${'$'}{GOTOOLCHAIN:-}" ]; then GOTOOLCHAIN=local; export GOTOOLCHAIN; fi
exec "$__govm_root/bin/$__govm_prog" "$@"
`;

// What the bash and zsh snippets share: PATH editing, the `govm` function and
// the --use-on-cd hook body, all in POSIX sh syntax (the hook runs the sh
// resolver of integrations/shims/posix.ts, so the hook and the shims cannot
// disagree). Only built-ins: a prompt never starts a process.
import { posixResolver } from '../shims/posix.js';
import { quoteSh } from './shared.js';

export interface InitOptions {
  readonly home: string;
  readonly useOnCd: boolean;
}

/** Removes every `$1` entry from PATH (POSIX expansions only). */
export const PATH_RM = String.raw`__govm_path_rm() {
  __govm_pp=:$PATH:
  while :; do
    case $__govm_pp in
    *":$1:"*) __govm_pp=${'$'}{__govm_pp%%":$1:"*}:${'$'}{__govm_pp#*":$1:"};;
    *) break;;
    esac
  done
  __govm_pp=${'$'}{__govm_pp#:}
  PATH=${'$'}{__govm_pp%:}
}
`;

/** The `govm` function: `govm shell X` sets GOVM_GO_VERSION here; the rest goes to the real govm. */
export const GOVM_FUNCTION = String.raw`govm() {
  if [ "${'$'}{1-}" = shell ] && [ $# -gt 1 ]; then
    case " $* " in *' -h '*|*' --help '*) command govm "$@"; return;; esac
    shift
    __govm_out=$(command govm shell --porcelain "$@") || return
    case $__govm_out in
    unset) unset GOVM_GO_VERSION;;
    'set '|'set '*[!0123456789abcdefghijklmnopqrstuvwxyz.]*)
      printf 'govm: unexpected answer from govm shell; nothing changed\n' >&2; return 1;;
    'set '*) GOVM_GO_VERSION=${'$'}{__govm_out#set }; export GOVM_GO_VERSION;;
    *) printf 'govm: unexpected answer from govm shell; nothing changed\n' >&2; return 1;;
    esac
    if [ "${'$'}{GOVM_SHELL_MODE-}" = use-on-cd ]; then __govm_hook; fi
    return 0
  fi
  command govm "$@"
  __govm_st=$?
  __govm_key=
  return $__govm_st
}
`;

/**
 * The hook body: resolve, and only when the answer changed, swap the
 * GOROOT/bin entry at the front of PATH and GOROOT. `$?` is kept for the prompt.
 */
export function hookBody(home: string): string {
  return String.raw`__govm_scan() {
  # The version files from $PWD up to the folder that decided (all the way up
  # when none did), the global file and the versions folder: which exist, and
  # whether any changed since the stamp (a file as new as the stamp counts as
  # changed: mtimes are as coarse as the kernel tick). Built-ins only.
  __govm_seen= __govm_newer=
  __govm_d=${'$'}{PWD:-/}
  [ "$__govm_d" = / ] && __govm_d=
  while :; do
    for __govm_f in .go-version .tool-versions go.work go.mod; do
      if [ -f "$__govm_d/$__govm_f" ]; then
        __govm_seen="$__govm_seen|$__govm_d/$__govm_f"
        [ "$__govm_stamp" -nt "$__govm_d/$__govm_f" ] || __govm_newer=1
      fi
    done
    [ "$__govm_d/" = "${'$'}{__govm_dfile%/*}/" ] && break
    [ -n "$__govm_d" ] || break
    __govm_d=${'$'}{__govm_d%/*}
  done
  for __govm_f in "$__govm_home/version" "$__govm_home/versions"; do
    if [ -e "$__govm_f" ]; then
      __govm_seen="$__govm_seen|$__govm_f"
      [ "$__govm_stamp" -nt "$__govm_f" ] || __govm_newer=1
    fi
  done
  return 0
}
__govm_hook_sh() {
  __govm_home=${'$'}{GOVM_HOME:-${quoteSh(home)}}
  __govm_stamp=$__govm_home/tmp/hook-$$
  __govm_k="$PWD|${'$'}{GOVM_GO_VERSION-}|$__govm_home"
  # Same folder, same GOVM_GO_VERSION, and no version file, global file or
  # install changed since the last answer: nothing to do (the common prompt).
  if [ "$__govm_k" = "${'$'}{__govm_key-}" ] && [ -f "$__govm_stamp" ]; then
    __govm_scan
    [ -z "$__govm_newer" ] && [ "$__govm_seen" = "$__govm_seen0" ] && return 0
  fi
  __govm_key=
  # The stamp is written before the files are read: a later edit is newer than it.
  __govm_cache=
  { : >| "$__govm_stamp"; } 2>/dev/null && __govm_cache=1
  __govm_resolve
  __govm_rc=$?
  if [ -n "$__govm_cache" ]; then
    __govm_dfile=
    [ "$__govm_src" = file ] && __govm_dfile=$__govm_file
    __govm_apply
    __govm_scan
    __govm_seen0=$__govm_seen __govm_key=$__govm_k
    return 0
  fi
  __govm_apply
}
__govm_apply() {
  __govm_want=
  [ $__govm_rc -eq 0 ] && __govm_want=$__govm_root/bin
  [ $__govm_rc -eq 2 ] || __govm_err=
  [ "$__govm_want" = "${'$'}{__GOVM_ACTIVE-}" ] && [ "$__govm_err" = "${'$'}{__govm_lasterr-}" ] && return 0
  __govm_lasterr=$__govm_err
  [ -n "$__govm_err" ] && printf 'govm: %s\n' "$__govm_err" >&2
  [ "$__govm_want" = "${'$'}{__GOVM_ACTIVE-}" ] && return 0
  if [ -n "${'$'}{__GOVM_ACTIVE-}" ]; then
    __govm_path_rm "$__GOVM_ACTIVE"
    [ "${'$'}{GOROOT-}/bin" = "$__GOVM_ACTIVE" ] && unset GOROOT
  fi
  if [ -n "$__govm_want" ]; then
    PATH=$__govm_want${'$'}{PATH:+:$PATH}
    GOROOT=$__govm_root
    export GOROOT
  fi
  export PATH
  __GOVM_ACTIVE=$__govm_want
  export __GOVM_ACTIVE
  return 0
}
`;
}

/** Lines every sh-family snippet starts with: marker, shims first (no duplicates), the govm function. */
export function commonInit(shell: 'bash' | 'zsh', o: InitOptions): string {
  const shims = quoteSh(`${o.home}/shims`);
  return [
    `GOVM_SHELL=${shell}`,
    `GOVM_SHELL_MODE=${o.useOnCd ? 'use-on-cd' : 'shims'}`,
    'export GOVM_SHELL GOVM_SHELL_MODE',
    PATH_RM,
    `__govm_shims=\${GOVM_HOME:+$GOVM_HOME/shims}`,
    `__govm_shims=\${__govm_shims:-${shims}}`,
    '__govm_path_rm "$__govm_shims"',
    'PATH=$__govm_shims${PATH:+:$PATH}',
    'export PATH',
    GOVM_FUNCTION,
  ].join('\n');
}

/** The resolver and hook body for --use-on-cd; GOTOOLCHAIN=local since go runs without shims. */
export function useOnCdInit(home: string): string {
  return [
    posixResolver(),
    hookBody(home),
    'if [ -z "${GOTOOLCHAIN-}" ]; then GOTOOLCHAIN=local; export GOTOOLCHAIN; fi',
    '# the hook keeps a per-shell stamp in $GOVM_HOME/tmp to notice edited version files',
    `__govm_home=\${GOVM_HOME:-${quoteSh(home)}}`,
    '[ -d "$__govm_home/tmp" ] || mkdir -p "$__govm_home/tmp" 2>/dev/null',
    '__govm_key=',
    '# a re-eval (or a child shell) starts over: the hook puts the entry back in front',
    'if [ -n "${__GOVM_ACTIVE-}" ]; then __govm_path_rm "$__GOVM_ACTIVE"; __GOVM_ACTIVE=; fi',
  ].join('\n');
}

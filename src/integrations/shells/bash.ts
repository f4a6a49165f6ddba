// bash integration: `eval "$(govm init bash)"` in ~/.bashrc.
//
// Shims first on PATH and the `govm` function; with --use-on-cd, __govm_hook
// runs from PROMPT_COMMAND (string or bash ≥ 5.1 array form, added once) and
// re-resolves with the sh resolver, changing PATH only when the answer changes.
import { commonInit, useOnCdInit, type InitOptions } from './posix-sh.js';

const PROMPT = String.raw`__govm_hook() {
  __govm_st=$?
  __govm_hook_sh
  return $__govm_st
}
if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
  case " ${'$'}{PROMPT_COMMAND[*]} " in *" __govm_hook "*) ;; *) PROMPT_COMMAND=(__govm_hook "${'$'}{PROMPT_COMMAND[@]}");; esac
else
  case ";${'$'}{PROMPT_COMMAND-};" in *";__govm_hook;"*) ;; *) PROMPT_COMMAND="__govm_hook${'$'}{PROMPT_COMMAND:+;$PROMPT_COMMAND}";; esac
fi
__govm_hook
`;

export function bashInit(o: InitOptions): string {
  const parts = ['# govm shell integration for bash: add `eval "$(govm init bash)"` to ~/.bashrc', commonInit('bash', o)];
  if (o.useOnCd) parts.push(useOnCdInit(o.home), PROMPT);
  return `${parts.join('\n')}\n`;
}

// zsh integration: `eval "$(govm init zsh)"` in ~/.zshrc.
//
// Shims first on PATH and the `govm` function; with --use-on-cd, __govm_hook
// runs from the chpwd and precmd hooks. It runs the shared sh resolver under
// `emulate -L sh` (sh word splitting, globs that match nothing stay literal),
// so zsh and the shims follow the very same code.
import { commonInit, useOnCdInit, type InitOptions } from './posix-sh.js';

const HOOKS = String.raw`__govm_hook() {
  __govm_st=$?
  emulate -L sh
  __govm_hook_sh
  return $__govm_st
}
autoload -Uz add-zsh-hook
add-zsh-hook chpwd __govm_hook
add-zsh-hook precmd __govm_hook
__govm_hook
`;

export function zshInit(o: InitOptions): string {
  const parts = ['# govm shell integration for zsh: add `eval "$(govm init zsh)"` to ~/.zshrc', commonInit('zsh', o)];
  if (o.useOnCd) parts.push(useOnCdInit(o.home), HOOKS);
  return `${parts.join('\n')}\n`;
}

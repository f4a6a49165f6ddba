// `govm init <shell>` and `govm shell [spec]`: the snippet text, and the
// per-shell version the `govm` shell function applies.
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { bashInit } from '../integrations/shells/bash.js';
import { cmdInit } from '../integrations/shells/cmd.js';
import { fishInit } from '../integrations/shells/fish.js';
import { pwshInit } from '../integrations/shells/pwsh.js';
import {
  checkShell,
  detectShell,
  ENV_SHELLS,
  INIT_SHELLS,
  MARKER_VAR,
  setLine,
  SHELL_VERSION_VAR,
  unsetLine,
  type EnvShell,
} from '../integrations/shells/shared.js';
import { zshInit } from '../integrations/shells/zsh.js';

export function initScript(ctx: Context, shellName: string | undefined, opts: { useOnCd?: boolean }): string {
  const shell = checkShell(shellName, INIT_SHELLS, 'govm init');
  const o = { home: ctx.layout.root, useOnCd: Boolean(opts.useOnCd) };
  switch (shell) {
    case 'bash': return bashInit(o);
    case 'zsh': return zshInit(o);
    case 'fish': return fishInit(o);
    case 'pwsh': return pwshInit(o);
    case 'cmd':
      if (o.useOnCd) throw new GovmError('E_USAGE', 'cmd has no prompt hook: --use-on-cd is not available', { hint: 'the shims switch versions per folder in cmd too' });
      return cmdInit(ctx.layout.root);
  }
}

export interface ShellOptions {
  unset?: boolean;
  porcelain?: boolean;
  shell?: string;
}

/** What `govm shell` prints: for the shell function (`--porcelain`) or a line to eval by hand. */
export async function shellVersion(ctx: Context, spec: string | undefined, opts: ShellOptions): Promise<string> {
  if (spec !== undefined && opts.unset) throw new GovmError('E_USAGE', 'give a version or --unset, not both');
  if (spec === undefined && !opts.unset) {
    const cur = ctx.env[SHELL_VERSION_VAR];
    if (!cur) {
      throw new GovmError('E_NO_VERSION', 'no shell version is set (GOVM_GO_VERSION is unset)', { hint: 'govm shell <version>' });
    }
    return `${cur}\n`;
  }
  let value: string | undefined;
  if (spec !== undefined) {
    const [{ checkPlainSpec }, { resolveActive, notInstalledError }] = await Promise.all([
      import('../domain/version-files.js'),
      import('./resolve.js'),
    ]);
    value = checkPlainSpec(spec.trim().toLowerCase(), 'version argument', 0);
    const active = await resolveActive(ctx, { spec: value });
    if (!active.installed) throw notInstalledError(active);
  }
  if (opts.porcelain) return value === undefined ? 'unset\n' : `set ${value}\n`;
  const shell = opts.shell ? checkShell(opts.shell, ENV_SHELLS, 'govm shell') : detectShell(ctx.env, ctx.platform);
  if (shell === 'github') throw new GovmError('E_USAGE', 'govm shell has no github form', { hint: 'use govm env --shell github <version>' });
  if (!ctx.env[MARKER_VAR]) {
    ctx.out.info(`govm: the shell integration is not loaded, so this cannot change your shell; run the line below yourself, or load it: ${hintFor(shell)}`);
  }
  const line = value === undefined ? unsetLine(shell, SHELL_VERSION_VAR) : setLine(shell, SHELL_VERSION_VAR, value);
  return `${line}\n`;
}

function hintFor(shell: EnvShell): string {
  switch (shell) {
    case 'fish': return 'govm init fish | source';
    case 'pwsh': return 'govm init pwsh | Out-String | Invoke-Expression';
    case 'cmd': return 'govm init cmd';
    case 'zsh': return 'eval "$(govm init zsh)"';
    default: return 'eval "$(govm init bash)"';
  }
}

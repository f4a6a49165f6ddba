// What every shell integration shares: the shell names, quoting for each
// shell's syntax, and the variable assignments that `govm env` and `govm shell`
// print. Pure text generation; nothing here runs a shell.
import { GovmError } from '../../errors.js';

/** Shells that get an init snippet and completions. */
export const INIT_SHELLS = ['bash', 'zsh', 'fish', 'pwsh', 'cmd'] as const;
export type InitShell = (typeof INIT_SHELLS)[number];

/** Output syntaxes of `govm env` / `govm shell` (`sh` is plain POSIX sh, e.g. dash). */
export const ENV_SHELLS = ['bash', 'zsh', 'sh', 'fish', 'pwsh', 'cmd', 'github'] as const;
export type EnvShell = (typeof ENV_SHELLS)[number];

/** Shells with completion scripts. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'pwsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The marker the init snippet exports; `govm doctor` looks for it. */
export const MARKER_VAR = 'GOVM_SHELL';
/** The per-shell version `govm shell` sets. */
export const SHELL_VERSION_VAR = 'GOVM_GO_VERSION';

export function checkShell<T extends string>(name: string | undefined, allowed: readonly T[], what: string): T {
  const s = (name ?? '').toLowerCase();
  const alias = s === 'powershell' ? 'pwsh' : s === 'dash' ? 'sh' : s;
  if ((allowed as readonly string[]).includes(alias)) return alias as T;
  throw new GovmError('E_USAGE', name ? `unsupported shell '${name}' for ${what}` : `${what} needs a shell name`, {
    hint: `use one of: ${allowed.join(', ')}`,
  });
}

/** Guess the user's shell from the environment (for defaults and doctor's fix lines). */
export function detectShell(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): InitShell {
  const marked = env[MARKER_VAR];
  if (marked && (INIT_SHELLS as readonly string[]).includes(marked)) return marked as InitShell;
  const sh = (env.SHELL ?? '').split(/[\\/]/).pop() ?? '';
  if (sh === 'zsh' || sh === 'fish' || sh === 'bash') return sh;
  if (sh === 'pwsh' || sh === 'powershell') return 'pwsh';
  if (platform === 'win32') return env.PSModulePath ? 'pwsh' : 'cmd';
  return 'bash';
}

function rejectControl(value: string, shell: string): void {
  // NUL cannot be passed through any shell, and a newline or CR inside a path is
  // almost certainly an attack or an accident; refuse rather than guess.
  if (/[\0\r\n]/.test(value)) {
    throw new GovmError('E_USAGE', `refusing to write a value with a control character for ${shell}: ${JSON.stringify(value)}`);
  }
}

/** POSIX sh (bash, zsh, dash): single quotes; a `'` becomes `'\''`. */
export function quoteSh(value: string): string {
  rejectControl(value, 'sh');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only `\` and `'` are special. */
export function quoteFish(value: string): string {
  rejectControl(value, 'fish');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** PowerShell: single-quoted verbatim strings; every kind of single quote is doubled. */
export function quotePwsh(value: string): string {
  rejectControl(value, 'pwsh');
  // PowerShell treats U+2018..U+201B as single quotes too.
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (c) => c + c)}'`;
}

/**
 * cmd.exe, for a line of a .cmd/.bat file: `set "NAME=value"` protects & | < > ^;
 * `%` is doubled (a batch file turns `%%` into `%`). `"` cannot appear in a
 * Windows path and `!` is only special with delayed expansion, which we refuse.
 */
export function quoteCmdSet(name: string, value: string): string {
  rejectControl(value, 'cmd');
  if (value.includes('"')) throw new GovmError('E_USAGE', `cmd cannot hold a '"' in ${name}: ${value}`);
  if (value.includes('!')) {
    throw new GovmError('E_USAGE', `refusing '!' in ${name} for cmd (delayed expansion would eat it): ${value}`);
  }
  return `set "${name}=${value.replace(/%/g, '%%')}"`;
}

/** What `govm env` prints: variables to set, folders to put first on PATH. */
export interface EnvChange {
  readonly set: ReadonlyArray<readonly [string, string]>;
  readonly unset?: readonly string[];
  /** Folders to put in front of PATH, in order. */
  readonly pathPrepend: readonly string[];
}

/** Lines for the given syntax; `github` is handled by the caller (it writes files). */
export function renderEnv(shell: Exclude<EnvShell, 'github'>, change: EnvChange): string {
  const lines: string[] = [];
  for (const name of change.unset ?? []) lines.push(unsetLine(shell, name));
  for (const [name, value] of change.set) lines.push(setLine(shell, name, value));
  if (change.pathPrepend.length > 0) lines.push(prependPathLine(shell, change.pathPrepend));
  return lines.map((l) => `${l}\n`).join('');
}

export function setLine(shell: Exclude<EnvShell, 'github'>, name: string, value: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'sh':
      return `export ${name}=${quoteSh(value)}`;
    case 'fish':
      return `set -gx ${name} ${quoteFish(value)}`;
    case 'pwsh':
      return `$env:${name} = ${quotePwsh(value)}`;
    case 'cmd':
      return quoteCmdSet(name, value);
  }
}

export function unsetLine(shell: Exclude<EnvShell, 'github'>, name: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'sh':
      return `unset ${name}`;
    case 'fish':
      return `set -e ${name}`;
    case 'pwsh':
      return `Remove-Item -ErrorAction SilentlyContinue Env:${name}`;
    case 'cmd':
      return `set "${name}="`;
  }
}

function prependPathLine(shell: Exclude<EnvShell, 'github'>, dirs: readonly string[]): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'sh':
      return `export PATH=${dirs.map(quoteSh).join(':')}"\${PATH:+:\$PATH}"`;
    case 'fish':
      return `set -gx PATH ${dirs.map(quoteFish).join(' ')} $PATH`;
    case 'pwsh':
      return `$env:PATH = ${dirs.map(quotePwsh).join(' + [IO.Path]::PathSeparator + ')} + [IO.Path]::PathSeparator + $env:PATH`;
    case 'cmd': {
      for (const d of dirs) quoteCmdSet('PATH', d); // validates each folder
      return `set "PATH=${dirs.map((d) => d.replace(/%/g, '%%')).join(';')};%PATH%"`;
    }
  }
}

/** The text appended to `$GITHUB_ENV` (NAME=value, or a heredoc form for odd values). */
export function githubEnvText(set: ReadonlyArray<readonly [string, string]>, delimiter: string): string {
  return set
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      if (value.includes(delimiter)) throw new GovmError('E_USAGE', `value of ${name} contains the delimiter`);
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** The text appended to `$GITHUB_PATH`: one folder a line, the first one wins. */
export function githubPathText(dirs: readonly string[]): string {
  for (const d of dirs) if (/[\r\n]/.test(d)) throw new GovmError('E_USAGE', `folder with a newline: ${JSON.stringify(d)}`);
  // Each added line is prepended, so the last line written ends up first.
  return [...dirs].reverse().map((d) => `${d}\n`).join('');
}

// `govm doctor`'s checklist as pure functions of facts gathered elsewhere
// (services/doctor/probes.ts). Each check says what it found and, when it
// fails, the exact fix. Nothing here touches the file system or the process.
import { compareVersions, parseVersion } from './version.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface Check {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  /** True unless the check failed (a skipped check is ok). */
  readonly ok: boolean;
  readonly found: string;
  /** How to fix it; set when it fails. */
  readonly fix?: string;
}

/** One `go` (or `gofmt`) executable found on PATH, in PATH order. */
export interface GoOnPath {
  readonly dir: string;
  /** Resolved through symlinks, to compare with GOROOTs. */
  readonly realDir: string;
}

export interface ResolvedFact {
  readonly source: 'arg' | 'env' | 'file' | 'global' | 'system' | 'none';
  readonly spec?: string;
  readonly name?: string;
  readonly root?: string;
  readonly rootReal?: string;
  readonly installed: boolean;
  readonly file?: string;
  /** Resolution itself failed (malformed file…): the message. */
  readonly error?: string;
}

export interface GoEnvFact {
  readonly ok: boolean;
  readonly goroot?: string;
  readonly gorootReal?: string;
  readonly gopath?: string;
  readonly gobin?: string;
  readonly goenvFile?: string;
  readonly error?: string;
}

export interface FolderFact {
  readonly label: string;
  readonly path: string;
  readonly exists: boolean;
  readonly writable: boolean;
  /** Permission bits (POSIX) */
  readonly mode?: number;
  readonly uid?: number;
}

export interface ModuleFact {
  readonly file: string;
  readonly goLine?: string;
  readonly toolchainLine?: string;
}

export interface DoctorFacts {
  readonly platform: NodeJS.Platform;
  readonly shell: string;
  readonly shimsDir: string;
  readonly shimsDirReal: string;
  readonly pathEntries: readonly string[];
  /** Folders on PATH holding a `go` executable, in PATH order. */
  readonly goOnPath: readonly GoOnPath[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly resolved: ResolvedFact;
  readonly goEnv?: GoEnvFact;
  /** GOTOOLCHAIN from the user's `go env -w` file, if any. */
  readonly goenvFileToolchain?: string;
  /** GOTOOLCHAIN from the resolved GOROOT's go.env, if any. */
  readonly gorootToolchain?: string;
  readonly module?: ModuleFact;
  readonly folders: readonly FolderFact[];
  readonly uid?: number;
  /** Windows only: conflicting installs and registry keys that exist. */
  readonly windowsInstalls?: readonly string[];
  readonly windowsRegistry?: readonly string[];
}

const pass = (id: string, title: string, found: string): Check => ({ id, title, status: 'pass', ok: true, found });
const fail = (id: string, title: string, found: string, fix: string): Check => ({ id, title, status: 'fail', ok: false, found, fix });
const skip = (id: string, title: string, found: string): Check => ({ id, title, status: 'skip', ok: true, found });

/** The profile file a fix should go in, per shell. */
export function profileOf(shell: string): string {
  switch (shell) {
    case 'zsh': return '~/.zshrc';
    case 'fish': return '~/.config/fish/config.fish';
    case 'pwsh': return '$PROFILE';
    case 'cmd': return 'the AutoRun script (see `govm init cmd`)';
    default: return '~/.bashrc';
  }
}

export function initLine(shell: string): string {
  switch (shell) {
    case 'zsh': return 'eval "$(govm init zsh)"';
    case 'fish': return 'govm init fish | source';
    case 'pwsh': return 'govm init pwsh | Out-String | Invoke-Expression';
    case 'cmd': return 'govm init cmd  (and follow its instructions)';
    default: return 'eval "$(govm init bash)"';
  }
}

const samePath = (platform: NodeJS.Platform, a: string, b: string): boolean =>
  platform === 'win32' ? a.replace(/[\\/]+$/, '').toLowerCase() === b.replace(/[\\/]+$/, '').toLowerCase() : a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Is this PATH folder govm's: the shims, or the resolved GOROOT/bin (`--use-on-cd`)? */
function isGovms(f: DoctorFacts, dir: string, realDir: string): boolean {
  const p = f.platform;
  if (samePath(p, dir, f.shimsDir) || samePath(p, realDir, f.shimsDirReal)) return true;
  const r = f.resolved;
  if (r.root && r.rootReal) {
    const sep = p === 'win32' ? '\\' : '/';
    return samePath(p, dir, `${r.root}${sep}bin`) || samePath(p, realDir, `${r.rootReal}${sep}bin`);
  }
  return false;
}

export function checkShimsOnPath(f: DoctorFacts): Check {
  const t = 'govm shims are on PATH';
  const i = f.pathEntries.findIndex((d) => samePath(f.platform, d, f.shimsDir));
  const fix = `add \`${initLine(f.shell)}\` to ${profileOf(f.shell)} and open a new shell`;
  if (i === -1) return fail('shims-on-path', t, `${f.shimsDir} is not on PATH`, fix);
  return pass('shims-on-path', t, `${f.shimsDir} is PATH entry ${i + 1} of ${f.pathEntries.length}`);
}

export function checkNoShadowing(f: DoctorFacts): Check {
  const t = 'no other go comes first on PATH';
  const first = f.goOnPath[0];
  if (!first) return fail('no-shadowing-go', t, 'no `go` on PATH at all', `add \`${initLine(f.shell)}\` to ${profileOf(f.shell)}`);
  const shadows: string[] = [];
  for (const g of f.goOnPath) {
    if (isGovms(f, g.dir, g.realDir)) break;
    shadows.push(g.dir);
  }
  if (shadows.length === 0) {
    const others = f.goOnPath.filter((g) => !isGovms(f, g.dir, g.realDir)).map((g) => g.dir);
    return pass('no-shadowing-go', t, `the first go is govm's (${first.dir})${others.length ? `; later on PATH: ${others.join(', ')}` : ''}`);
  }
  return fail(
    'no-shadowing-go', t,
    `go in ${shadows.join(', ')} comes before govm's`,
    `load govm's shell integration after the line that adds ${shadows[0]} to PATH (in ${profileOf(f.shell)}), or remove that line`,
  );
}

export function checkGorootEnv(f: DoctorFacts): Check {
  const t = 'GOROOT is unset or matches';
  const g = f.env.GOROOT;
  if (g === undefined || g === '') return pass('goroot-env', t, 'GOROOT is not set (Go finds its own root)');
  const r = f.resolved;
  if (r.root && (samePath(f.platform, g, r.root) || (r.rootReal !== undefined && samePath(f.platform, g, r.rootReal)))) {
    return pass('goroot-env', t, `GOROOT=${g} is the resolved ${r.name ?? 'version'}`);
  }
  const why = r.root ? `but the resolved version ${r.name ?? ''} lives in ${r.root}` : 'and govm resolves no version to compare';
  return fail(
    'goroot-env', t,
    `GOROOT=${g} ${why}: a go from one root with the tools of another fails with 'compile: version "go1.x" does not match go tool version'`,
    `remove the GOROOT export from ${profileOf(f.shell)} (and your session: ${f.shell === 'fish' ? 'set -e GOROOT' : f.shell === 'pwsh' ? 'Remove-Item Env:GOROOT' : 'unset GOROOT'}); govm's shims set it for each call`,
  );
}

export function checkResolved(f: DoctorFacts): Check {
  const t = 'a Go version resolves and is installed';
  const r = f.resolved;
  if (r.error) return fail('version-resolves', t, r.error, 'fix the file named above');
  const from = r.file ? ` (from ${r.file})` : r.source === 'env' ? ' (from GOVM_GO_VERSION)' : r.source === 'global' ? ' (global default)' : '';
  if (r.source === 'none') return fail('version-resolves', t, 'no version file, no global default and no system go', 'govm install 1.22 && govm global 1.22  (any version)');
  if (r.source === 'system') return pass('version-resolves', t, `no govm version selected; the system go is used (${r.root ?? 'on PATH'})`);
  if (!r.installed) return fail('version-resolves', t, `${r.spec ?? '?'}${from} is not installed`, `govm install ${r.spec ?? ''}`.trim());
  return pass('version-resolves', t, `${r.name}${from} in ${r.root}`);
}

export function checkGoEnvGoroot(f: DoctorFacts): Check {
  const t = '`go env GOROOT` is the resolved version\'s folder';
  const r = f.resolved;
  if (!r.root || !r.installed) return skip('go-env-goroot', t, 'no installed version resolved');
  const g = f.goEnv;
  if (!g) return skip('go-env-goroot', t, 'not run');
  if (!g.ok || !g.goroot) return fail('go-env-goroot', t, `${r.root}/bin/go env GOROOT failed: ${g.error ?? 'no output'}`, `govm uninstall ${r.name} && govm install ${r.name}`);
  if (samePath(f.platform, g.goroot, r.root) || (g.gorootReal && r.rootReal && samePath(f.platform, g.gorootReal, r.rootReal))) {
    return pass('go-env-goroot', t, `go env GOROOT = ${g.goroot}`);
  }
  const envSet = f.env.GOROOT !== undefined && f.env.GOROOT !== '';
  return fail(
    'go-env-goroot', t,
    `go ${r.name} says GOROOT=${g.goroot}, not ${r.root}`,
    envSet ? 'unset GOROOT in your environment (see goroot-env)' : `a GOROOT set with \`go env -w\` overrides it: run \`go env -u GOROOT\`${g.goenvFile ? ` (it is in ${g.goenvFile})` : ''}`,
  );
}

/** `go 1.21` / `go 1.21.3` / `toolchain go1.22.1` need a version at least that new. */
export function checkModuleGoLine(f: DoctorFacts): Check {
  const t = 'go.mod/go.work does not need a newer Go';
  const m = f.module;
  if (!m) return skip('module-go-line', t, 'no go.mod or go.work above this folder');
  const r = f.resolved;
  const have = r.name ? parseVersion(r.name) : undefined;
  if (!have) return skip('module-go-line', t, `${m.file}: no resolved version to compare with`);
  const want = m.goLine ? parseVersion(m.goLine) : undefined;
  if (!m.goLine) return pass('module-go-line', t, `${m.file} has no go line`);
  if (!want) return fail('module-go-line', t, `${m.file}: unreadable go line '${m.goLine}'`, `write it as \`go 1.22\` or \`go 1.22.3\``);
  if (compareVersions(want, have) <= 0) return pass('module-go-line', t, `${m.file} says go ${m.goLine}; ${r.name} is new enough`);
  return fail(
    'module-go-line', t,
    `${m.file} says go ${m.goLine} but ${r.name} is resolved${r.source === 'file' && r.file !== m.file ? ` (from ${r.file})` : ''}: go fails with 'go.mod requires go >= ${m.goLine}' (or downloads a toolchain under GOTOOLCHAIN=auto)`,
    `govm install ${m.goLine} && govm use ${m.goLine}`,
  );
}

/** Values of GOTOOLCHAIN that may fetch a toolchain from the module proxy. */
export function toolchainMayDownload(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === 'local' || v === 'path' || v.endsWith('+path')) return false;
  return true; // auto, goX.Y.Z, goX.Y.Z+auto, and anything Go might read as such
}

export function checkToolchain(f: DoctorFacts): Check {
  const t = 'GOTOOLCHAIN will not download toolchains';
  const env = f.env.GOTOOLCHAIN;
  const sessionFix = f.shell === 'fish' ? 'set -gx GOTOOLCHAIN local' : f.shell === 'pwsh' ? "$env:GOTOOLCHAIN = 'local'" : 'export GOTOOLCHAIN=local';
  if (env !== undefined && env !== '') {
    if (toolchainMayDownload(env)) {
      return fail('gotoolchain', t, `GOTOOLCHAIN=${env} in the environment lets go download toolchains silently`, `remove it, or ${sessionFix} in ${profileOf(f.shell)}`);
    }
    return pass('gotoolchain', t, `GOTOOLCHAIN=${env} in the environment`);
  }
  const fileVal = f.goenvFileToolchain;
  if (fileVal !== undefined && toolchainMayDownload(fileVal)) {
    return fail('gotoolchain', t, `GOTOOLCHAIN=${fileVal} set with \`go env -w\``, 'go env -w GOTOOLCHAIN=local');
  }
  const first = f.goOnPath[0];
  const viaShim = first !== undefined && (samePath(f.platform, first.dir, f.shimsDir) || samePath(f.platform, first.realDir, f.shimsDirReal));
  const rootVal = f.gorootToolchain;
  if (fileVal === undefined && rootVal !== undefined && toolchainMayDownload(rootVal)) {
    if (viaShim) return pass('gotoolchain', t, `the shims set GOTOOLCHAIN=local (the toolchain's go.env says ${rootVal})`);
    if (f.env.GOVM_SHELL_MODE === 'use-on-cd') return pass('gotoolchain', t, `govm's --use-on-cd hook exports GOTOOLCHAIN=local (go.env says ${rootVal})`);
    return fail('gotoolchain', t, `go runs without govm's shims and its go.env says GOTOOLCHAIN=${rootVal}`, `${sessionFix} in ${profileOf(f.shell)}, or put the shims first on PATH`);
  }
  return pass('gotoolchain', t, `GOTOOLCHAIN resolves to ${fileVal ?? rootVal ?? 'local'} (no downloads)`);
}

export function checkGobin(f: DoctorFacts): Check {
  const t = 'GOBIN / GOPATH/bin is on PATH';
  const sep = f.platform === 'win32' ? '\\' : '/';
  const gobin = f.goEnv?.gobin || f.env.GOBIN;
  let dir = gobin;
  if (!dir) {
    const gopath = f.goEnv?.gopath || f.env.GOPATH;
    const first = gopath?.split(f.platform === 'win32' ? ';' : ':').find((p) => p !== '');
    if (!first) return skip('gobin-on-path', t, 'GOPATH unknown');
    dir = `${first.replace(/[\\/]+$/, '')}${sep}bin`;
  }
  if (f.pathEntries.some((e) => samePath(f.platform, e, dir))) return pass('gobin-on-path', t, `${dir} is on PATH (go install puts tools there)`);
  const line = f.shell === 'fish' ? `fish_add_path -a ${dir}` : f.shell === 'pwsh' ? `$env:PATH += [IO.Path]::PathSeparator + '${dir}'` : `export PATH="$PATH:${dir}"`;
  return fail('gobin-on-path', t, `${dir} is not on PATH: tools from \`go install\` will not be found`, `${line} in ${profileOf(f.shell)}`);
}

export function checkShellIntegration(f: DoctorFacts): Check {
  const t = 'the shell integration is loaded';
  const m = f.env.GOVM_SHELL;
  if (m) return pass('shell-integration', t, `GOVM_SHELL=${m}${f.env.GOVM_SHELL_MODE ? ` (${f.env.GOVM_SHELL_MODE})` : ''}`);
  return fail('shell-integration', t, 'GOVM_SHELL is not set: `govm shell` cannot change this shell', `add \`${initLine(f.shell)}\` to ${profileOf(f.shell)}`);
}

export function checkWindowsConflicts(f: DoctorFacts): Check {
  const t = 'no conflicting system-wide Go install (Windows)';
  if (f.platform !== 'win32') return skip('windows-conflicts', t, `not applicable on ${f.platform}`);
  const found = [...(f.windowsInstalls ?? []), ...(f.windowsRegistry ?? [])];
  if (found.length === 0) return pass('windows-conflicts', t, 'no C:\\Go, Program Files\\Go or HKLM\\SOFTWARE\\GoLang');
  return fail(
    'windows-conflicts', t,
    `found ${found.join(', ')}: its installer puts its bin first on the system PATH and sets GOROOT`,
    'uninstall it from Settings › Apps (Go Programming Language), or remove its bin folder from the system PATH and GOROOT from the system environment',
  );
}

export function checkFolders(f: DoctorFacts): Check {
  const t = 'govm folders are writable by you and by no one else';
  const bad: string[] = [];
  const fixes: string[] = [];
  const seen: string[] = [];
  for (const d of f.folders) {
    if (!d.exists) {
      seen.push(`${d.label}: not created yet`);
      continue;
    }
    if (!d.writable) {
      bad.push(`${d.path} is not writable by you`);
      fixes.push(f.platform === 'win32' ? `give yourself write access to ${d.path}` : `chown -R "$(id -u)" ${d.path}`);
    }
    if (f.platform !== 'win32' && d.mode !== undefined) {
      const others = (d.mode & 0o002) !== 0;
      const foreign = d.uid !== undefined && f.uid !== undefined && d.uid !== f.uid && f.uid !== 0 ? true : false;
      if (others) {
        bad.push(`${d.path} is writable by other users (mode ${(d.mode & 0o777).toString(8)})`);
        fixes.push(`chmod o-w ${d.path}`);
      } else if (foreign) {
        bad.push(`${d.path} belongs to uid ${d.uid}`);
        fixes.push(`chown -R "$(id -u)" ${d.path}`);
      }
    }
    seen.push(`${d.label} ok`);
  }
  if (bad.length > 0) return fail('folder-permissions', t, bad.join('; '), fixes.join(' && '));
  return pass('folder-permissions', t, seen.join(', '));
}

/** Every check, in the order they are shown. */
export function runChecks(f: DoctorFacts): Check[] {
  return [
    checkShimsOnPath(f),
    checkNoShadowing(f),
    checkShellIntegration(f),
    checkResolved(f),
    checkGorootEnv(f),
    checkGoEnvGoroot(f),
    checkModuleGoLine(f),
    checkToolchain(f),
    checkGobin(f),
    checkWindowsConflicts(f),
    checkFolders(f),
  ];
}

/** The first `go` directive of a go.mod/go.work (outside `( … )` blocks), as written. */
export function goDirective(text: string): string | undefined {
  let block = false;
  for (const raw of text.split('\n')) {
    const body = raw.replace(/\r$/, '').split('//')[0]!.trim();
    if (block) {
      if (body.startsWith(')')) block = false;
      continue;
    }
    if (body.endsWith('(')) {
      block = true;
      continue;
    }
    const m = /^go[ \t]+(\S+)$/.exec(body);
    if (m) return m[1];
  }
  return undefined;
}

/** The value of KEY in a go.env / `go env -w` file (`KEY=value` lines, `#` comments). */
export function envFileValue(text: string, key: string): string | undefined {
  let found: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq).trim() === key) found = line.slice(eq + 1).trim();
  }
  return found;
}

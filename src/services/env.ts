// `govm env [--shell …] [spec]`: GOROOT, PATH and GOTOOLCHAIN=local for the
// resolved (or given) version, for scripts and CI. `github` appends to the
// files GitHub Actions names in $GITHUB_ENV and $GITHUB_PATH.
import { appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { posix, win32 } from 'node:path';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import {
  checkShell,
  detectShell,
  ENV_SHELLS,
  githubEnvText,
  githubPathText,
  renderEnv,
  type EnvChange,
} from '../integrations/shells/shared.js';

export interface EnvResult {
  readonly version: string | undefined;
  readonly root: string;
  readonly source: string;
  readonly file: string | undefined;
  readonly change: EnvChange;
}

export async function envChange(ctx: Context, spec: string | undefined): Promise<EnvResult> {
  const { resolveActive, notInstalledError, noVersionError } = await import('./resolve.js');
  const active = await resolveActive(ctx, { spec });
  if (active.source === 'none') throw noVersionError();
  if (!active.installed) throw notInstalledError(active);
  if (!active.root) {
    throw new GovmError('E_NO_VERSION', `cannot tell the GOROOT of the system go (${active.file ?? 'on PATH'})`, { hint: 'govm global <version>' });
  }
  const p = ctx.platform === 'win32' ? win32 : posix;
  return {
    version: active.name,
    root: active.root,
    source: active.source,
    file: active.file,
    change: {
      set: [['GOROOT', active.root], ['GOTOOLCHAIN', 'local']],
      pathPrepend: [p.join(active.root, 'bin')],
    },
  };
}

/** Prints (or, for github, appends) the assignments; returns what to print on stdout. */
export async function envOutput(ctx: Context, spec: string | undefined, opts: { shell?: string; json?: boolean }): Promise<string> {
  const r = await envChange(ctx, spec);
  if (opts.json) {
    return `${JSON.stringify({ version: r.version, root: r.root, source: r.source, file: r.file, env: Object.fromEntries(r.change.set), pathPrepend: r.change.pathPrepend }, null, 2)}\n`;
  }
  const shell = opts.shell ? checkShell(opts.shell, ENV_SHELLS, 'govm env') : detectShell(ctx.env, ctx.platform);
  if (shell !== 'github') return renderEnv(shell, r.change);
  const envFile = ctx.env.GITHUB_ENV;
  const pathFile = ctx.env.GITHUB_PATH;
  if (!envFile || !pathFile) {
    throw new GovmError('E_USAGE', '--shell github needs GITHUB_ENV and GITHUB_PATH (set by GitHub Actions)', { hint: 'run it in a workflow step, or pick another --shell' });
  }
  try {
    await appendFile(envFile, githubEnvText(r.change.set, `govm_${randomBytes(8).toString('hex')}`));
    await appendFile(pathFile, githubPathText(r.change.pathPrepend));
  } catch (e) {
    throw new GovmError('E_FS', `cannot append to ${envFile} / ${pathFile}: ${(e as Error).message}`);
  }
  ctx.out.info(`govm: Go ${r.version ?? ''} (${r.root}) set for the next steps through GITHUB_ENV and GITHUB_PATH`);
  return '';
}

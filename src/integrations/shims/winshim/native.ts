// Native Windows shims. A `.cmd` shim cannot pass arguments through unchanged
// (cmd re-parses `%`, `^`, `&`, `!`, `<`, `>` and quotes in `%*`), cannot be
// spawned by Node ≥ 20.12 without a shell, and makes Ctrl-C ask "Terminate
// batch job (Y/N)?". So on Windows govm compiles the small Go program in this
// folder (its source travels in the bundle: source.ts) once per source hash
// and Go version, with a toolchain govm installed, caches it under
// $GOVM_HOME/cache/winshim/, and copies it as shims\<program>.exe. The shim
// resolves versions like the sh shims (resolve.go ports domain/resolution.ts).
//
// When no installed Go can build it (none ≥ 1.19, or the build fails), the
// caller keeps the .cmd shims (windows.ts). GOVM_WINDOWS_SHIMS=cmd forces them.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exeSuffix } from '../../../domain/platform.js';
import { compareVersions, parseVersion } from '../../../domain/version.js';
import type { Layout } from '../../../stores/home.js';
import { listInstalled } from '../../../stores/versions.js';
import { WINSHIM_FILES, WINSHIM_HASH } from './source.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface RunResult {
  readonly code: number | null;
  readonly output: string;
}
export type Runner = (file: string, args: string[], opts: { cwd: string; env: Record<string, string> }) => Promise<RunResult>;

const MIN_GO = parseVersion('1.19')!;

/** Default runner: a real child process, output collected. */
export const runProcess: Runner = (file, args, opts) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });

export interface CompileOptions {
  /** GOOS/GOARCH of the shim (the host's, on Windows: windows/amd64 or windows/arm64). */
  readonly goos: string;
  readonly goarch: string;
  /** Host OS of the compiler (its go binary has this suffix). */
  readonly hostOs: string;
  readonly env: Env;
  readonly run?: Runner;
}

/** Where the compiled shim for a Go version lives in the cache. */
export function nativeShimCachePath(layout: Layout, goVersion: string, goos: string, goarch: string): string {
  return join(layout.cache, 'winshim', `${WINSHIM_HASH.slice(0, 16)}-go${goVersion}-${goos}-${goarch}`, `govm-shim${exeSuffix(goos)}`);
}

const exists = async (p: string): Promise<boolean> => stat(p).then(
  (s) => s.isFile(),
  () => false,
);

/**
 * The compiled shim, building it if needed with the newest installed Go ≥ 1.19.
 * Undefined when no installed Go can; throws when the build itself fails.
 */
export async function compileNativeShim(layout: Layout, o: CompileOptions): Promise<string | undefined> {
  const candidates = (await listInstalled(layout)).filter((i) => compareVersions(i.version, MIN_GO) >= 0);
  const go = candidates[0];
  if (!go) return undefined;
  const out = nativeShimCachePath(layout, go.name, o.goos, o.goarch);
  if (await exists(out)) return out;
  const goBin = join(go.root, 'bin', `go${exeSuffix(o.hostOs)}`);
  if (!(await exists(goBin))) return undefined;
  await mkdir(layout.tmp, { recursive: true });
  const src = await mkdtemp(join(layout.tmp, 'winshim-'));
  try {
    for (const [name, text] of Object.entries(WINSHIM_FILES)) await writeFile(join(src, name), text);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.env)) if (v !== undefined && !/^GO/i.test(k)) env[k] = v;
    Object.assign(env, {
      GOROOT: go.root,
      GOTOOLCHAIN: 'local',
      GOOS: o.goos,
      GOARCH: o.goarch,
      CGO_ENABLED: '0',
      GO111MODULE: 'on',
      GOWORK: 'off',
      GOENV: 'off',
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      GOCACHE: layout.buildCache(go.name),
      GOPATH: join(src, 'gopath'),
    });
    const tmpOut = join(src, `govm-shim${exeSuffix(o.goos)}`);
    const r = await (o.run ?? runProcess)(goBin, ['build', '-trimpath', '-ldflags=-s -w', '-o', tmpOut, '.'], { cwd: src, env });
    if (r.code !== 0 || !(await exists(tmpOut))) {
      throw new Error(`go ${go.name} could not build the native shim (exit ${r.code}): ${r.output.trim().slice(0, 800)}`);
    }
    await mkdir(join(out, '..'), { recursive: true });
    await rename(tmpOut, out);
    return out;
  } finally {
    await rm(src, { recursive: true, force: true });
  }
}

/** Replaces `file` with `bytes`; a running (locked) .exe is first renamed aside, as Windows allows. */
async function replaceFile(file: string, bytes: Buffer): Promise<void> {
  const current = await readFile(file).catch(() => undefined);
  if (current && current.equals(bytes)) return;
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o755 });
  try {
    await rename(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') throw e;
    await rename(file, `${file}.${process.pid}.old`);
    await rename(tmp, file);
  }
}

export interface NativeSyncOptions {
  readonly env?: Env;
  readonly arch?: string;
  readonly run?: Runner;
  readonly warn?: (message: string) => void;
}

/**
 * Writes shims\<program>.exe for every program. Returns the file names it
 * manages (so the caller keeps them and drops the .cmd ones), or undefined when
 * native shims are unavailable and the caller should write .cmd shims.
 */
export async function syncNativeShims(layout: Layout, programs: readonly string[], o: NativeSyncOptions = {}): Promise<Set<string> | undefined> {
  const env = o.env ?? process.env;
  if ((env.GOVM_WINDOWS_SHIMS ?? '').toLowerCase() === 'cmd') return undefined;
  const goarch = (o.arch ?? process.arch) === 'arm64' ? 'arm64' : 'amd64';
  let exe: string | undefined;
  try {
    exe = await compileNativeShim(layout, { goos: 'windows', goarch, hostOs: 'windows', env, run: o.run });
  } catch (e) {
    (o.warn ?? ((m) => process.stderr.write(`govm: warning: ${m}\n`)))(
      `${(e as Error).message}; keeping .cmd shims`,
    );
    return undefined;
  }
  if (!exe) return undefined;
  const bytes = await readFile(exe);
  const names = new Set<string>();
  for (const program of programs) {
    const name = `${program}.exe`;
    await replaceFile(join(layout.shims, name), bytes);
    names.add(name);
  }
  return names;
}

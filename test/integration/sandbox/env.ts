// Real prerequisites for sandbox and matrix integration tests: a reachable
// container engine with a registry-free base image (scripts/ci/docker.sh), and
// real Go toolchains (Debian's GOROOTs, copied with symlinks dereferenced, the
// shape govm installs) in a temporary GOVM_HOME.
import { spawnSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { cleanEnv } from '../../helpers/cli.js';

export const BASE_IMAGE = 'debian:bookworm-slim';
/** Debian minor line → the release its GOROOT holds. */
const DEBIAN_GOROOTS: Record<string, string> = { '1.19': '/usr/lib/go-1.19', '1.21': '/usr/lib/go-1.21', '1.22': '/usr/lib/go-1.22', '1.23': '/usr/lib/go-1.23' };

let reachable: boolean | undefined;
export function dockerReachable(): boolean {
  reachable ??= spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 }).status === 0;
  return reachable;
}

export function baseImagePresent(): boolean {
  return dockerReachable() && spawnSync('docker', ['image', 'inspect', BASE_IMAGE], { stdio: 'ignore' }).status === 0;
}

export function docker(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Where the dereferenced GOROOT copies live (CI: GOVM_TEST_GOROOTS from docker.sh; locally a tmp cache). */
function gorootCache(): string {
  return process.env.GOVM_TEST_GOROOTS ?? join(tmpdir(), `govm-test-goroots-${process.getuid?.() ?? 'u'}`);
}

/** `1.22` → { name: '1.22.12', root } when Debian's toolchain is there; copies it once. */
export function toolchain(minor: string): { name: string; root: string } | undefined {
  const src = DEBIAN_GOROOTS[minor];
  if (!src || !existsSync(join(src, 'bin', 'go'))) return undefined;
  const name = readFileSync(join(src, 'VERSION'), 'utf8').split('\n')[0]!.trim().replace(/^go/, '');
  const cache = gorootCache();
  const root = join(cache, name);
  if (!existsSync(join(root, 'bin', 'go'))) {
    mkdirSync(cache, { recursive: true });
    const tmp = join(cache, `.tmp-${name}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    cpSync(src, tmp, { recursive: true, dereference: true });
    rmSync(join(tmp, 'pkg', 'obj'), { recursive: true, force: true });
    try {
      renameSync(tmp, root);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process won
    }
  }
  return { name, root };
}

export function toolchains(minors: string[]): { name: string; root: string }[] | undefined {
  const out = minors.map(toolchain);
  return out.every(Boolean) ? (out as { name: string; root: string }[]) : undefined;
}

/** A temporary GOVM_HOME whose versions/ holds the given toolchains (symlinked to the cached copies). */
export function makeHome(t: TestContext, tcs: { name: string; root: string }[]): string {
  const home = mkdtempSync(join(tmpdir(), 'govm-sbx-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, 'versions'), { recursive: true });
  for (const tc of tcs) symlinkSync(tc.root, join(home, 'versions', tc.name));
  return home;
}

export const IS_ROOT = process.getuid?.() === 0;
/** The uid the sandbox runs as in these tests: never root (as root, an ordinary user). */
export const SANDBOX_UID = IS_ROOT ? 1000 : (process.getuid?.() ?? 1000);
export const USER_FLAGS = IS_ROOT ? ['--user', '1000:1000'] : [];

/** A copy of a fixture module in a temp folder owned by the sandbox user. */
export function makeProject(t: TestContext, module: string): string {
  const dir = mkdtempSync(join(tmpdir(), `govm-sbx-${module}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(new URL(`../../fixtures/matrix/modules/${module}`, import.meta.url), dir, { recursive: true });
  if (IS_ROOT) {
    const walk = (p: string) => {
      chownSync(p, 1000, 1000);
      for (const e of readdirSync(p, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(p, e.name));
        else chownSync(join(p, e.name), 1000, 1000);
      }
    };
    walk(dir);
  }
  return dir;
}

/** The environment govm runs with in these tests: offline, its own home, nothing from the host's GOVM_*. */
export function govmEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return cleanEnv({ GOVM_HOME: home, GOVM_OFFLINE: '1', ...extra });
}

/** Containers govm started whose project mount is `dir` (running or not). */
export function containersFor(dir: string, all = true): string[] {
  const ids = docker(['ps', ...(all ? ['-a'] : []), '-q', '--filter', 'label=io.govm.sandbox']).stdout.split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const r = docker(['inspect', '--format', '{{.Name}}\t{{range .Mounts}}{{.Source}};{{end}}', ...ids]);
  return r.stdout
    .split('\n')
    .filter((l) => l.split('\t')[1]?.split(';').includes(dir))
    .map((l) => l.split('\t')[0]!.replace(/^\//, ''));
}

// Bench: install one Go release (default: the newest 1.22.x, go1.22.12 in CI's
// mirror) from a loopback mirror into a fresh folder, each round:
//
//   govm      node dist/govm.cjs install <version>, fresh GOVM_HOME (index fetch,
//             download, SHA-256 check, extraction, atomic rename)
//   baseline  bash -c 'curl -s URL | tee >(sha256sum >/dev/null) | tar -xz -C DIR'
//   mise      mise install go@<version> (npm @jdxcode/mise), fresh MISE_DATA_DIR,
//             MISE_GO_DOWNLOAD_MIRROR=<loopback>, MISE_GO_REPO=<local git repo
//             holding the mirror's release tags> (mise lists Go versions with
//             `git ls-remote --tags` and otherwise asks its own versions host)
//
// Target: govm/baseline ≤ 1.15× (median). Needs the mirror folder made by
// scripts/ci/toolchains.sh (GOVM_E2E_MIRROR_DIR or $GOVM_CI_CACHE/toolchains)
// and a built dist/govm.cjs (`npm run build`). mise is taken from $MISE_BIN,
// else $GOVM_CI_CACHE/bench/mise (installed there once with
// `npm install --prefix $GOVM_CI_CACHE/bench/mise @jdxcode/mise` unless
// BENCH_MISE=0), else skipped with the reason.
//
//   node bench/install.mjs            BENCH_ROUNDS=5 BENCH_GO=1.22
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, reportRatio, timeCommand } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { register } = await import('tsx/esm/api');
register();
const { e2eMirrorDir, startMirror } = await import('../test/helpers/e2e-mirror.ts');

const rounds = Number(process.env.BENCH_ROUNDS || 5);
const line = (process.env.BENCH_GO || '1.22').replace(/^go/, '');
const govmBin = join(root, 'dist', 'govm.cjs');
const cacheRoot = process.env.GOVM_CI_CACHE || '/var/cache/govm-ci';

const dir = e2eMirrorDir();
if (!dir || !existsSync(join(dir, 'index.json'))) {
  console.log('install bench: skipped: no toolchain mirror; run `bash scripts/ci/toolchains.sh` first');
  process.exit(0);
}
if (!existsSync(govmBin)) {
  console.log('install bench: skipped: dist/govm.cjs is missing; run `npm run build` first');
  process.exit(0);
}
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const entry = index.find((e) => e.version === `go${line}` || e.version.startsWith(`go${line}.`));
const file = entry?.files.find((f) => f.os === 'linux' && f.arch === 'amd64' && f.kind === 'archive');
if (!entry || !file) {
  console.log(`install bench: skipped: the mirror has no linux/amd64 archive for ${line}`);
  process.exit(0);
}
const version = entry.version.slice(2);

const scratch = mkdtempSync(join(tmpdir(), 'govm-bench-install-'));
const mirror = await startMirror(dir);
const fresh = (name) => mkdtempSync(join(scratch, `${name}-`));
const mustHaveGo = (goroot, who) => {
  if (!existsSync(join(goroot, 'bin', 'go'))) throw new Error(`${who} did not produce ${goroot}/bin/go`);
};
const baseEnv = { PATH: process.env.PATH, HOME: scratch, LANG: 'C.UTF-8', NO_COLOR: '1' };

/** mise's binary, or the reason there is none. */
function findMise() {
  if (process.env.MISE_BIN) return { bin: process.env.MISE_BIN };
  const prefix = join(cacheRoot, 'bench', 'mise');
  const bin = join(prefix, 'node_modules', '.bin', 'mise');
  if (!existsSync(bin)) {
    if (process.env.BENCH_MISE === '0') return { reason: 'BENCH_MISE=0 and no cached mise' };
    process.stderr.write(`install bench: installing @jdxcode/mise into ${prefix} (once)\n`);
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, '@jdxcode/mise'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(bin)) return { reason: `npm install @jdxcode/mise failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}` };
  }
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) return { reason: `${bin} --version failed` };
  return { bin, version: v.stdout.trim() };
}

/** A local git repo whose tags are the mirror's releases, for mise's `go.repo`. */
function tagsRepo() {
  const repo = join(scratch, 'go-tags');
  const git = (...args) => spawnSync('git', ['-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], { encoding: 'utf8' });
  mkdirSync(repo);
  if (git('init', '-q').status !== 0) return undefined;
  git('commit', '-q', '--allow-empty', '-m', 'tags');
  for (const e of index) git('tag', e.version);
  return repo;
}

const url = `${mirror.url}${file.filename}`;
const mise = findMise();
const repo = mise.bin ? tagsRepo() : undefined;
const miseSkip = !mise.bin ? mise.reason : !repo ? 'git is not available for the tags repo mise lists versions from' : undefined;

const cases = [
  {
    name: 'govm',
    run: async () => {
      const home = fresh('govm');
      const ms = await timeCommand(process.execPath, [govmBin, 'install', version], { env: { ...baseEnv, GOVM_HOME: home, GOVM_MIRROR: mirror.url } });
      mustHaveGo(join(home, 'versions', version), 'govm');
      rmSync(home, { recursive: true, force: true });
      return ms;
    },
  },
  {
    name: 'baseline',
    run: async () => {
      const out = fresh('curl');
      const ms = await timeCommand('bash', ['-c', 'set -o pipefail; curl -sf "$1" | tee >(sha256sum >/dev/null) | tar -xz -C "$2"', 'bench', url, out], { env: baseEnv });
      mustHaveGo(join(out, 'go'), 'baseline');
      rmSync(out, { recursive: true, force: true });
      return ms;
    },
  },
  {
    name: 'mise',
    skip: miseSkip,
    run: async () => {
      const d = fresh('mise');
      const env = {
        ...baseEnv,
        MISE_DATA_DIR: join(d, 'data'),
        MISE_CACHE_DIR: join(d, 'cache'),
        MISE_CONFIG_DIR: join(d, 'config'),
        MISE_STATE_DIR: join(d, 'state'),
        MISE_GO_DOWNLOAD_MIRROR: mirror.url.replace(/\/$/, ''),
        MISE_GO_REPO: repo,
        MISE_USE_VERSIONS_HOST: '0',
        MISE_GO_DEFAULT_PACKAGES_FILE: join(d, 'none'),
        MISE_YES: '1',
      };
      const ms = await timeCommand(mise.bin, ['install', `go@${version}`], { env, cwd: d });
      mustHaveGo(join(d, 'data', 'installs', 'go', version), 'mise');
      rmSync(d, { recursive: true, force: true });
      return ms;
    },
  },
];

try {
  console.log(`install bench: go${version} (${(file.size / 1e6).toFixed(1)} MB) from ${mirror.url}${mise.version ? `; mise ${mise.version}` : ''}`);
  const results = await interleave(rounds, cases, { baseline: 'baseline', title: `install go${version} from a loopback mirror` });
  reportRatio(results, 'govm', 'baseline', 1.15);
  if (results.mise) reportRatio(results, 'govm', 'mise');
} finally {
  await mirror.close();
  rmSync(scratch, { recursive: true, force: true });
}

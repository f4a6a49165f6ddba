// Switching overhead (issue 3, requirement 7). One run, interleaved:
//   1. `go version` from a folder five levels below a go.mod: through govm's sh
//      shim, the same binary run directly, and mise's shim (npm @jdxcode/mise,
//      when it can be installed; it links the same Debian GOROOT).
//      Target: shim ≤ direct + 1 ms.
//   2. `govm current` vs `node -e 0`. Target: ≤ 1.3×.
// Needs Debian's /usr/lib/go-1.22 (scripts/ci/packages.sh) and dist/ (npm run build).
// GOVM_BENCH_ROUNDS (default 40); GOVM_BENCH_MISE=0 skips mise.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, reportRatio, timeCommand, fmtMs } from './lib.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'dist', 'govm.cjs');
const goroot = '/usr/lib/go-1.22';
const rounds = Number(process.env.GOVM_BENCH_ROUNDS ?? 40);
if (!existsSync(join(goroot, 'bin', 'go'))) {
  console.log(`skipped: ${goroot} is missing (scripts/ci/packages.sh)`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error('dist/govm.cjs is missing: npm run build');
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'govm bench ü-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const home = join(tmp, 'home');
mkdirSync(join(home, 'versions'), { recursive: true });
symlinkSync(goroot, join(home, 'versions', '1.22.12'));
// Shims exactly as govm writes them (sync.ts), via tsx from the sources.
const sync = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
  const { syncShims } = await import(${JSON.stringify(join(repo, 'src/integrations/shims/sync.ts'))});
  const { Layout } = await import(${JSON.stringify(join(repo, 'src/stores/home.ts'))});
  await syncShims(new Layout(process.env.H), 'linux', { govm: { node: process.execPath, cli: process.env.C } });
`], { cwd: repo, env: { ...process.env, H: home, C: cli }, stdio: 'inherit' });
if (sync.status !== 0) process.exit(1);

const proj = join(tmp, 'proj');
const deep = join(proj, 'a', 'b', 'c', 'd', 'e');
mkdirSync(deep, { recursive: true });
writeFileSync(join(proj, 'go.mod'), 'module example.com/bench\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/mod v0.17.0\n\tgolang.org/x/tools v0.21.0\n)\n');
const env = {
  PATH: `${join(home, 'shims')}:/usr/local/bin:/usr/bin:/bin`,
  HOME: process.env.HOME ?? homedir(),
  GOVM_HOME: home,
  PWD: deep,
  LANG: 'C.UTF-8',
};

/** mise from npm, cached across runs; returns its shims folder or a skip reason. */
function setUpMise() {
  if (process.env.GOVM_BENCH_MISE === '0') return { skip: 'GOVM_BENCH_MISE=0' };
  const cache = join(process.env.GOVM_CI_CACHE || join(homedir(), '.cache', 'govm-bench'), 'mise');
  const bin = join(cache, 'node_modules', '@jdxcode', `mise-linux-${process.arch}`, 'bin', 'mise');
  if (!existsSync(bin)) {
    mkdirSync(cache, { recursive: true });
    // The arch package directly: the wrapper's preinstall script may be blocked.
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', cache, `@jdxcode/mise-linux-${process.arch}`], { stdio: 'ignore' });
    if (r.status !== 0 || !existsSync(bin)) return { skip: 'npm @jdxcode/mise could not be installed' };
  }
  const m = join(tmp, 'mise');
  const menv = { ...process.env, MISE_DATA_DIR: join(m, 'data'), MISE_CONFIG_DIR: join(m, 'config'), MISE_CACHE_DIR: join(m, 'cache'), MISE_STATE_DIR: join(m, 'state'), MISE_YES: '1', MISE_OFFLINE: '1' };
  writeFileSync(join(proj, 'mise.toml'), '[tools]\ngo = "1.22.12"\n');
  for (const args of [['link', 'go@1.22.12', goroot], ['reshim'], ['trust', join(proj, 'mise.toml')]]) {
    const r = spawnSync(bin, args, { env: menv, stdio: 'ignore' });
    if (r.status !== 0) return { skip: `mise ${args[0]} failed` };
  }
  return { shims: join(m, 'data', 'shims'), env: menv };
}

const mise = setUpMise();
const goVersion = (cmd, extraEnv = {}) => () => timeCommand(cmd, ['version'], { env: { ...env, ...extraEnv }, cwd: deep });

const shim = await interleave(
  rounds,
  [
    { name: 'direct', run: goVersion(join(home, 'versions', '1.22.12', 'bin', 'go'), { GOROOT: join(home, 'versions', '1.22.12') }) },
    { name: 'govm shim', run: goVersion(join(home, 'shims', 'go')) },
    mise.skip
      ? { name: 'mise shim', skip: mise.skip }
      : { name: 'mise shim', run: goVersion(join(mise.shims, 'go'), { ...mise.env, PATH: `${mise.shims}:/usr/bin:/bin` }) },
  ],
  { baseline: 'direct', title: '`go version` five levels below a go.mod' },
);
const overhead = shim['govm shim'].median - shim.direct.median;
console.log(`  govm shim overhead: ${fmtMs(overhead)} (target ≤ 1.0 ms: ${overhead <= 1 ? 'met' : 'NOT met'})`);
if (shim['mise shim']) console.log(`  mise shim overhead: ${fmtMs(shim['mise shim'].median - shim.direct.median)}`);

const cur = await interleave(
  rounds,
  [
    { name: 'node -e 0', run: () => timeCommand(process.execPath, ['-e', '0'], { env, cwd: deep }) },
    { name: 'govm current', run: () => timeCommand(process.execPath, [cli, 'current'], { env, cwd: deep }) },
  ],
  { baseline: 'node -e 0', title: '`govm current` vs Node.js start-up' },
);
reportRatio(cur, 'govm current', 'node -e 0', 1.3);

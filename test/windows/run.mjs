// `npm run test:windows`: the Windows lane. Sets the lane up (scripts/ci/windows.sh:
// Wine, node.exe, Windows Go toolchains, prefix — all cached under $GOVM_CI_CACHE),
// builds the bundle, then runs test/windows/lane/*.lane.ts as the unprivileged
// lane user (govmci) when started as root, so read-only-file errors are real.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cache = process.env.GOVM_CI_CACHE || '/var/cache/govm-ci';
const t0 = Date.now();
const step = (s) => console.log(`::: windows lane: ${s} (${Math.round((Date.now() - t0) / 1000)}s)`);
const must = (r, what) => {
  if (r.status !== 0) {
    console.error(`windows lane: ${what} failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
};

step('set-up');
must(spawnSync('bash', [join(repo, 'scripts/ci/windows.sh')], { stdio: 'inherit', env: { ...process.env, GOVM_CI_CACHE: cache } }), 'scripts/ci/windows.sh');
step('bundle');
must(spawnSync(process.execPath, [join(repo, 'scripts/build.mjs')], { stdio: 'inherit', cwd: repo }), 'npm run build');

const lane = {};
for (const line of readFileSync(join(cache, 'windows', 'lane.env'), 'utf8').split('\n')) {
  const i = line.indexOf('=');
  if (i > 0) lane[line.slice(0, i)] = line.slice(i + 1);
}
const files = readdirSync(join(repo, 'test/windows/lane'))
  .filter((f) => f.endsWith('.lane.ts'))
  .sort()
  .map((f) => join('test/windows/lane', f));
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;

const env = {
  PATH: process.env.PATH,
  LANG: 'C.UTF-8',
  GOVM_E2E: process.env.GOVM_E2E ?? '1',
  GOVM_CI_CACHE: cache,
  TMPDIR: '/tmp',
  ...lane,
};
const argv = [process.execPath, '--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...selected];
let cmd = argv;
if (process.getuid?.() === 0) {
  // The repo and dist/ must be readable by the lane user.
  chmodSync(join(repo, 'dist'), 0o755);
  env.HOME = lane.GOVM_WIN_USER_HOME;
  cmd = ['runuser', '-u', lane.GOVM_WIN_USER, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv];
} else {
  env.HOME = process.env.HOME;
}
step(`tests as ${process.getuid?.() === 0 ? lane.GOVM_WIN_USER : 'the current user'}: ${selected.join(' ')}`);
const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', cwd: repo, env });
// Leave no wineserver behind.
spawnSync(process.getuid?.() === 0 ? 'runuser' : 'env', [
  ...(process.getuid?.() === 0 ? ['-u', lane.GOVM_WIN_USER, '--', 'env'] : []),
  `WINEPREFIX=${lane.GOVM_WIN_PREFIX}`, 'wineserver', '-k',
], { stdio: 'ignore' });
step(`done (${r.status === 0 ? 'green' : 'FAILED'})`);
process.exit(r.status ?? 1);

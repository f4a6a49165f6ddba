// Information only (issue 5): `go version` through govm's native Windows shim
// vs go.exe direct, under Wine, interleaved; and the .cmd shim for comparison.
// Wine's process start dominates every figure; on real Windows the shim costs
// one extra CreateProcess. Needs the lane (npm run test:windows ran once, so a
// version is installed in the lane profile). Usage: node bench/windows-shim.mjs [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';

const cache = process.env.GOVM_CI_CACHE || '/var/cache/govm-ci';
const lane = {};
for (const line of readFileSync(join(cache, 'windows', 'lane.env'), 'utf8').split('\n')) {
  const i = line.indexOf('=');
  if (i > 0) lane[line.slice(0, i)] = line.slice(i + 1);
}
if (process.getuid?.() === 0) {
  const r = spawnSync('runuser', ['-u', lane.GOVM_WIN_USER, '--', 'env', `HOME=${lane.GOVM_WIN_USER_HOME}`, `PATH=${process.env.PATH}`, `GOVM_CI_CACHE=${cache}`,
    process.execPath, new URL(import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const runs = Number(process.argv[2] || 7);
const profile = lane.GOVM_WIN_PROFILE || 'govm ci';
const driveC = join(lane.GOVM_WIN_PREFIX, 'drive_c');
const homeLinux = join(driveC, 'users', profile, 'AppData', 'Local', 'govm');
const homeWin = `C:\\users\\${profile}\\AppData\\Local\\govm`;
const versions = existsSync(join(homeLinux, 'versions')) ? readdirSync(join(homeLinux, 'versions')).filter((v) => /^\d+\.\d+\.\d+$/.test(v)) : [];
if (!versions.length || !existsSync(join(homeLinux, 'shims', 'go.exe'))) {
  console.error('bench: no version or native shim in the lane profile; run npm run test:windows first');
  process.exit(1);
}
const v = versions.sort().at(-1);
const dir = mkdtempSync(join(driveC, 'bench '));
writeFileSync(join(dir, '.go-version'), `${v}\n`);
const env = { PATH: process.env.PATH, HOME: process.env.HOME, USER: profile, LOGNAME: profile, WINEPREFIX: lane.GOVM_WIN_PREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'bcryptprimitives=n,b', DISPLAY: '' };
const io = () => [openSync('/dev/null', 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')];
const time = (args) => {
  const fds = io();
  const t = process.hrtime.bigint();
  const r = spawnSync('wine', args, { cwd: dir, env, stdio: fds });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  fds.forEach(closeSync);
  const out = readFileSync(join(dir, 'out'), 'utf8').trim();
  if (r.status !== 0 || !out.includes(`go${v}`)) throw new Error(`${args.join(' ')}: exit ${r.status}: ${out} ${readFileSync(join(dir, 'err'), 'utf8')}`);
  return ms;
};
const cases = {
  'go.exe direct': ['wine', [`${homeWin}\\versions\\${v}\\bin\\go.exe`, 'version']],
  'native shim (shims\\go.exe)': ['wine', [`${homeWin}\\shims\\go.exe`, 'version']],
};
spawnSync('wineserver', ['-p'], { env, stdio: 'ignore' }); // keep one wineserver for every run
const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
time(cases['go.exe direct'][1]); // warm-up
for (let i = 0; i < runs; i++) for (const [k, [, args]] of Object.entries(cases)) results[k].push(time(args));
spawnSync('wineserver', ['-k'], { env, stdio: 'ignore' });
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`go version (go${v}) under Wine 8.0, ${runs} interleaved runs, median / min ms:`);
for (const [k, xs] of Object.entries(results)) console.log(`  ${k.padEnd(30)} ${med(xs).toFixed(0).padStart(6)} / ${Math.min(...xs).toFixed(0)}`);
console.log(`  shim overhead (median)         ${(med(results['native shim (shims\\go.exe)']) - med(results['go.exe direct'])).toFixed(0).padStart(6)}`);

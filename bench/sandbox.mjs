// Sandbox and matrix speed against a real Docker engine (needs `npm run build`,
// a reachable engine with debian:bookworm-slim, and Debian's Go 1.21–1.23 —
// scripts/ci/docker.sh prepares all of it).
//
//  1. `govm sandbox run --local -- go version` vs a plain
//     `docker run --rm <the same image> go version` (target ≤ 1.15×), with two
//     references that split the overhead: `docker run` with the flags govm
//     passes (the engine's share: mounts, tmpfs HOME, --init…), and a bare
//     Node.js program that only spawns the plain `docker run` (Node.js
//     starting and exiting). The verdict comes from the ratio's 95% interval.
//  2. `govm matrix --sandbox --local --go 1.21,1.22,1.23 -- go test -count=1 ./...`
//     vs the three cells one after another (three `govm sandbox run`s).
//
// Untimed set-up: a temporary GOVM_HOME with the toolchains, the images built
// (content-cached), one warm-up round. BENCH_ROUNDS (default 180) timed rounds
// for part 1, a twelfth of that (at least 5) for part 2: single runs vary by
// ±50 ms on a 2-core machine; 60 rounds leave the ratio's interval ±0.035
// wide, 180 rounds ±0.02 (part 2's runs are 2 s long and vary less).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleave, reportRatio, timeCommand } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const govm = join(root, 'dist', 'govm.cjs');
const rounds = Number(process.env.BENCH_ROUNDS ?? 180);
const MINORS = ['1.21', '1.22', '1.23'];

function skip(reason) {
  console.log(`skipped: ${reason}`);
  process.exit(0);
}

if (!existsSync(govm)) skip('dist/govm.cjs is missing (npm run build)');
if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) skip('no reachable Docker engine (scripts/ci/docker.sh)');

// Toolchains: Debian's GOROOTs, dereferenced copies cached outside the clone (as the tests do).
const cache = process.env.GOVM_TEST_GOROOTS ?? join(tmpdir(), `govm-test-goroots-${process.getuid?.() ?? 'u'}`);
const tcs = [];
for (const m of MINORS) {
  const src = `/usr/lib/go-${m}`;
  if (!existsSync(join(src, 'bin', 'go'))) skip(`${src} is missing (golang-${m}-go)`);
  const name = readFileSync(join(src, 'VERSION'), 'utf8').split('\n')[0].trim().replace(/^go/, '');
  const dest = join(cache, name);
  if (!existsSync(join(dest, 'bin', 'go'))) {
    mkdirSync(cache, { recursive: true });
    const tmp = join(cache, `.tmp-${name}-${process.pid}`);
    cpSync(src, tmp, { recursive: true, dereference: true });
    renameSync(tmp, dest);
  }
  tcs.push({ minor: m, name, root: dest });
}

const home = mkdtempSync(join(tmpdir(), 'govm-bench-sbx-'));
const proj = mkdtempSync(join(tmpdir(), 'govm-bench-proj-'));
process.on('exit', () => {
  rmSync(home, { recursive: true, force: true });
  rmSync(proj, { recursive: true, force: true });
});
mkdirSync(join(home, 'versions'));
for (const t of tcs) symlinkSync(t.root, join(home, 'versions', t.name));
cpSync(join(root, 'test', 'fixtures', 'matrix', 'modules', 'stdslices'), proj, { recursive: true });
const env = { PATH: process.env.PATH, HOME: process.env.HOME, GOVM_HOME: home, GOVM_OFFLINE: '1', NO_COLOR: '1' };

// Images (content-cached: built once per version and base).
const built = spawnSync(process.execPath, [govm, 'sandbox', 'image', 'build', ...MINORS, '--json'], { env, encoding: 'utf8' });
if (built.status !== 0) skip(`govm sandbox image build failed: ${built.stderr}`);
const images = JSON.parse(built.stdout);
const image122 = images.find((i) => i.version.startsWith('1.22.')).image;

// The engine arguments govm passes (its GOVM_DEBUG line), for the same-flags reference: a fresh name each
// run. The second run's: the first prepares the image, later ones take the `--pull never` way.
let debug;
for (let i = 0; i < 2; i++) debug = spawnSync(process.execPath, [govm, 'sandbox', 'run', '--local', '--go', '1.22', '--', 'go', 'version'], { env: { ...env, GOVM_DEBUG: '1' }, cwd: proj, encoding: 'utf8' });
const line = debug.stderr.split('\n').find((l) => / run --rm /.test(l));
if (debug.status !== 0 || !line) skip(`govm sandbox run failed: ${debug.stderr}`);
const govmArgs = line.replace(/ {2}\(.*\)$/, '').split(' ').slice(1);
const nameAt = govmArgs.indexOf('--name') + 1;
let runs = 0;
const sameFlags = () => govmArgs.map((a, i) => (i === nameAt ? `${a}-${runs++}` : a));

console.log(`sandbox: govm sandbox run vs docker run --rm (${image122}), ${rounds} rounds`);
const run = await interleave(rounds, [
  { name: 'docker run --rm', run: () => timeCommand('docker', ['run', '--rm', image122, 'go', 'version'], { env }) },
  { name: 'docker run, govm\'s flags', run: () => timeCommand('docker', sameFlags(), { env, cwd: proj }) },
  { name: 'bare Node.js wrapper', run: () => timeCommand(process.execPath, [join(root, 'bench', 'node-wrapper.cjs'), 'docker', 'run', '--rm', image122, 'go', 'version'], { env }) },
  { name: 'govm sandbox run', run: () => timeCommand(process.execPath, [govm, 'sandbox', 'run', '--local', '--go', '1.22', '--', 'go', 'version'], { env, cwd: proj }) },
], { baseline: 'docker run --rm', title: 'go version in a container' });
reportRatio(run, 'govm sandbox run', 'docker run --rm', 1.15);
reportRatio(run, 'bare Node.js wrapper', 'docker run --rm');
reportRatio(run, 'docker run, govm\'s flags', 'docker run --rm');

const matrixRounds = Math.max(5, Math.ceil(rounds / 12));
const cores = availableParallelism();
console.log(`\nmatrix: three versions in parallel (--jobs ${cores}) vs the three cells one after another, ${matrixRounds} rounds`);
const test = ['go', 'test', '-count=1', './...'];
const m = await interleave(matrixRounds, [
  {
    name: 'one after another',
    run: async () => {
      let ms = 0;
      for (const t of tcs) ms += await timeCommand(process.execPath, [govm, 'sandbox', 'run', '--local', '--go', t.minor, '--', ...test], { env, cwd: proj });
      return ms;
    },
  },
  { name: 'govm matrix', run: () => timeCommand(process.execPath, [govm, 'matrix', '--sandbox', '--local', '--go', MINORS.join(','), '--', ...test], { env, cwd: proj }) },
], { baseline: 'one after another', title: 'go test -count=1 ./... on Go 1.21, 1.22, 1.23' });
const speedup = m['one after another'].median / m['govm matrix'].median;
console.log(`matrix speed-up: ${speedup.toFixed(2)}× on ${cores} core${cores > 1 ? 's' : ''} (govm matrix / sequential = ${m['govm matrix'].ratio.toFixed(3)}×)`);

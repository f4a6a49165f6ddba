// The `--use-on-cd` prompt hook with the folder unchanged (issue 3, req. 7):
// what every prompt costs. Inside ONE shell process, `__govm_hook` is called N
// times from a folder five levels below a go.mod (the resolver walks up and
// parses go.mod each time) and the per-call time is printed. Target: ≤ 2 ms.
// Also shown: the same loop calling an empty function (loop overhead), and
// the hook alternating between two projects (the PATH actually changes).
// bash and zsh run the shared sh resolver; fish runs its own.
// Needs Debian's /usr/lib/go-1.21 and /usr/lib/go-1.22 and dist/ (npm run build).
// GOVM_BENCH_HOOK_N (default 2000 calls per shell and case).
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'dist', 'govm.cjs');
const N = Number(process.env.GOVM_BENCH_HOOK_N ?? 2000);
const roots = { '1.21.13': '/usr/lib/go-1.21', '1.22.12': '/usr/lib/go-1.22' };
if (!Object.values(roots).every((r) => existsSync(join(r, 'bin', 'go')))) {
  console.log('skipped: Debian /usr/lib/go-1.21 and /usr/lib/go-1.22 are needed (scripts/ci/packages.sh)');
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error('dist/govm.cjs is missing: npm run build');
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'govm bench hook ü-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const home = join(tmp, 'home');
mkdirSync(join(home, 'versions'), { recursive: true });
for (const [name, root] of Object.entries(roots)) symlinkSync(root, join(home, 'versions', name));
const a = join(tmp, 'proj a');
const deep = join(a, 'l1', 'l2', 'l3', 'l4', 'l5');
mkdirSync(deep, { recursive: true });
writeFileSync(join(a, 'go.mod'), 'module example.com/a\n\ngo 1.22\n\nrequire (\n\texample.com/x v1.0.0\n)\n');
const b = join(tmp, 'proj b');
mkdirSync(b);
writeFileSync(join(b, '.go-version'), '1.21\n');
const env = { PATH: '/usr/bin:/bin', HOME: tmp, LANG: 'C.UTF-8', GOVM_HOME: home };

function snippet(shell) {
  const r = spawnSync(process.execPath, [cli, 'init', shell, '--use-on-cd'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const f = join(tmp, `init.${shell}`);
  writeFileSync(f, r.stdout);
  return f;
}

const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const SHELLS = {
  bash: (f) => ['bash', ['--norc', '--noprofile', '-c', `. ${q(f)}
nop() { :; }
t() { local s=$EPOCHREALTIME i; for ((i = 0; i < ${N}; i++)); do "$@"; done; local e=$EPOCHREALTIME; echo $(( (\${e/./} - \${s/./}) ))us; }
cd ${q(deep)}; __govm_hook
echo "unchanged $(t __govm_hook)"
echo "empty $(t nop)"
flip() { if [ "$PWD" = ${q(deep)} ]; then cd ${q(b)}; else cd ${q(deep)}; fi; __govm_hook; }
flipcd() { if [ "$PWD" = ${q(deep)} ]; then cd ${q(b)}; else cd ${q(deep)}; fi; }
echo "changing $(t flip)"
echo "cdonly $(t flipcd)"
`]],
  zsh: (f) => ['zsh', ['-f', '-c', `. ${q(f)}
zmodload zsh/datetime
nop() { :; }
t() { local s=$EPOCHREALTIME i; for ((i = 0; i < ${N}; i++)); do "$@"; done; local e=$EPOCHREALTIME; echo $(( (e - s) * 1000000 ))us; }
cd ${q(deep)}; __govm_hook
echo "unchanged $(t __govm_hook)"
echo "empty $(t nop)"
flip() { if [ "$PWD" = ${q(deep)} ]; then cd ${q(b)}; else cd ${q(deep)}; fi; __govm_hook; }
flipcd() { if [ "$PWD" = ${q(deep)} ]; then builtin cd ${q(b)}; else builtin cd ${q(deep)}; fi; }
echo "changing $(t flip)"
echo "cdonly $(t flipcd)"
`]],
  fish: (f) => ['fish', ['--no-config', '-c', `source ${q(f)}
function nop; end
function t
  set -l s (date +%s%6N)
  for i in (seq ${N}); $argv; end
  set -l e (date +%s%6N)
  echo (math $e - $s)us
end
cd ${q(deep)}
echo "unchanged "(t __govm_hook)
echo "empty "(t nop)
function flip; if test "$PWD" = ${q(deep)}; cd ${q(b)}; else; cd ${q(deep)}; end; end
echo "changing "(t flip)
function flipcd; if test "$PWD" = ${q(deep)}; builtin cd ${q(b)}; else; builtin cd ${q(deep)}; end; end
echo "cdonly "(t flipcd)
`]],
};

console.log(`--use-on-cd prompt hook, ${N} calls per case in one shell process, from 5 levels below a go.mod`);
console.log('shell  unchanged (per call)   empty call   changing folder (hook incl. cd)   cd alone');
for (const [shell, make] of Object.entries(SHELLS)) {
  const which = spawnSync('sh', ['-c', `command -v ${shell}`]);
  if (which.status !== 0) {
    console.log(`${shell.padEnd(6)} skipped: not installed`);
    continue;
  }
  const [cmd, args] = make(snippet(shell));
  const r = spawnSync(cmd, args, { env, cwd: tmp, encoding: 'utf8' });
  if (r.status !== 0 || r.stderr.trim()) {
    console.error(`${shell}: failed\n${r.stdout}${r.stderr}`);
    process.exitCode = 1;
    continue;
  }
  const get = (k) => Number(new RegExp(`^${k} ([0-9.]+)us$`, 'm').exec(r.stdout)?.[1]) / N;
  const us = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(0)} µs`);
  const unchanged = get('unchanged');
  console.log(`${shell.padEnd(6)} ${us(unchanged).padStart(10)} ${unchanged <= 2000 ? '(≤ 2 ms ✓)' : '(> 2 ms ✗)'}  ${us(get('empty')).padStart(10)}   ${us(get('changing')).padStart(12)}                      ${us(get('cdonly')).padStart(8)}`);
}

// `govm env` and `govm shell` (without the integration) eval'd by real bash,
// zsh, dash and fish, with a GOVM_HOME whose path holds spaces, quotes, `$`,
// backticks and non-ASCII: the shell must end up with exactly these values and
// run the right go. `--shell github` appends to real temp files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, runGovm } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { debianToolchain, hasProgram, makeFixture, shellEnv } from './fixture.js';

const go122 = debianToolchain('1.22');
const ODD = `we ird 'q' "dq" $HOME \`bt\` ünï 日本`;

interface ShellCase {
  shell: string;
  flag: string;
  script: (cmd: string) => string;
}
const PRINT_SH = 'printf "%s\\n" "$GOROOT" "$GOTOOLCHAIN" "${PATH%%:*}"; go version';
const cases: ShellCase[] = [
  { shell: 'bash', flag: 'bash', script: (c) => `eval "$(${c})"; ${PRINT_SH}` },
  { shell: 'zsh', flag: 'zsh', script: (c) => `eval "$(${c})"; ${PRINT_SH}` },
  { shell: 'dash', flag: 'sh', script: (c) => `eval "$(${c})"; ${PRINT_SH}` },
  { shell: 'fish', flag: 'fish', script: (c) => `${c} | source; printf "%s\\n" "$GOROOT" "$GOTOOLCHAIN" "$PATH[1]"; go version` },
];

for (const c of cases) {
  test(`govm env --shell ${c.flag} is eval'd by real ${c.shell} with an odd GOVM_HOME`, async (t) => {
    if (!prereq(t, hasProgram(c.shell), `${c.shell} is not installed`)) return;
    if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
    const f = makeFixture([go122!], ODD);
    const root = join(f.home, 'versions', go122!.name);
    const r = await run(c.shell, ['-c', c.script('govm env --shell ' + c.flag + ' 1.22')], { env: shellEnv(f), cwd: f.base });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout.split('\n'), [root, 'local', join(root, 'bin'), `go version go${go122!.name} linux/amd64`, '']);
  });

  test(`govm shell (no integration) prints a line real ${c.shell} evals`, async (t) => {
    if (!prereq(t, hasProgram(c.shell), `${c.shell} is not installed`)) return;
    if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
    const f = makeFixture([go122!], ODD);
    const print = c.shell === 'fish' ? 'echo "v=$GOVM_GO_VERSION"' : 'echo "v=${GOVM_GO_VERSION-unset}"';
    const set = c.shell === 'fish' ? `govm shell --shell fish go1.22 | source; ${print}; govm shell --shell fish --unset | source; ${print}` : `eval "$(govm shell --shell ${c.flag} go1.22)"; ${print}; eval "$(govm shell --shell ${c.flag} --unset)"; ${print}`;
    const r = await run(c.shell, ['-c', set], { env: shellEnv(f), cwd: f.base });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, c.shell === 'fish' ? 'v=1.22\nv=\n' : 'v=1.22\nv=unset\n');
    assert.match(r.stderr, /shell integration is not loaded/);
  });
}

test('govm env with no version anywhere fails with E_NO_VERSION; a missing one names govm install', async (t) => {
  if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const f = makeFixture([go122!]);
  const none = await runGovm(['env', '--shell', 'bash'], { env: shellEnv(f), cwd: f.base });
  assert.equal(none.code, 3);
  assert.match(none.stderr, /E_NO_VERSION/);
  const missing = await runGovm(['env', '--shell', 'bash', '1.19'], { env: shellEnv(f), cwd: f.base });
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /govm install 1\.19/);
  assert.equal(missing.stdout, '');
});

test('govm env resolves like everything else: a .go-version above the folder, and --json', async (t) => {
  if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const f = makeFixture([go122!]);
  writeFileSync(join(f.base, '.go-version'), '1.22\n');
  const r = await runGovm(['env', '--json'], { env: shellEnv(f), cwd: f.bin });
  assert.equal(r.code, 0, r.stderr);
  const root = join(f.home, 'versions', go122!.name);
  assert.deepEqual(JSON.parse(r.stdout), {
    version: go122!.name, root, source: 'file', file: join(f.base, '.go-version'),
    env: { GOROOT: root, GOTOOLCHAIN: 'local' }, pathPrepend: [join(root, 'bin')],
  });
});

test('govm env --shell github appends to GITHUB_ENV and GITHUB_PATH', async (t) => {
  if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const f = makeFixture([go122!], ODD);
  const envFile = join(f.base, 'github_env');
  const pathFile = join(f.base, 'github_path');
  writeFileSync(envFile, 'EXISTING=1\n');
  writeFileSync(pathFile, '/already\n');
  const r = await runGovm(['env', '--shell', 'github', '1.22'], { env: shellEnv(f, { GITHUB_ENV: envFile, GITHUB_PATH: pathFile }), cwd: f.base });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const root = join(f.home, 'versions', go122!.name);
  assert.equal(readFileSync(envFile, 'utf8'), `EXISTING=1\nGOROOT=${root}\nGOTOOLCHAIN=local\n`);
  assert.equal(readFileSync(pathFile, 'utf8'), `/already\n${root}/bin\n`);
  const outside = await runGovm(['env', '--shell', 'github', '1.22'], { env: shellEnv(f), cwd: f.base });
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /GITHUB_ENV/);
});

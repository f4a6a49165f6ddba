// `govm init` driven through real bash, zsh and fish: the shims come first on
// PATH exactly once (re-eval included), the `govm` function changes this
// shell's version and refuses anything but a plain version, and --use-on-cd
// switches real Debian toolchains on cd and prompt (PROMPT_COMMAND in `bash -i`,
// precmd/chpwd in `zsh -i`, PWD events in fish).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { debianToolchain, hasProgram, makeFixture, shellEnv, type Fixture } from './fixture.js';

const go121 = debianToolchain('1.21');
const go122 = debianToolchain('1.22');
const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Sh = (typeof SHELLS)[number];

const evalInit = (sh: Sh, flags = ''): string => (sh === 'fish' ? `govm init fish ${flags} | source` : `eval "$(govm init ${sh} ${flags})"`);
const shArgs = (sh: Sh, script: string): string[] => (sh === 'zsh' ? ['-f', '-c', script] : sh === 'fish' ? ['--no-config', '-c', script] : ['--norc', '--noprofile', '-c', script]);
const rc = (sh: Sh): string => (sh === 'fish' ? 'echo "rc=$status"' : 'echo "rc=$?"');
const printPath = (sh: Sh): string => (sh === 'fish' ? 'string join \\n -- $PATH' : 'printf "%s\\n" "$PATH" | tr : "\\n"');

function projects(f: Fixture): { a: string; b: string; deep: string } {
  const a = join(f.base, 'proj a');
  const b = join(f.base, 'proj b');
  const deep = join(b, 'x', 'y', 'z', 'w', 'v');
  mkdirSync(a, { recursive: true });
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(a, '.go-version'), '1.21\n');
  writeFileSync(join(b, 'go.mod'), 'module example.com/b\n\n// comment\ngo   1.22.0 // odd spacing\n');
  return { a, b, deep };
}

for (const sh of SHELLS) {
  test(`${sh}: init puts the shims first exactly once, even when eval'd twice`, async (t) => {
    if (!prereq(t, hasProgram(sh), `${sh} is not installed`)) return;
    const f = makeFixture([]);
    const shims = join(f.home, 'shims');
    const env = shellEnv(f, { PATH: `/usr/bin:${shims}:${shellEnv(f).PATH}` });
    const r = await run(sh, shArgs(sh, `${evalInit(sh)}; ${evalInit(sh)}; ${printPath(sh)}; echo "marker=$GOVM_SHELL"`), { env, cwd: f.base });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], shims);
    assert.equal(lines.filter((l) => l === shims).length, 1);
    assert.ok(lines.includes('/usr/bin'));
    assert.equal(lines.at(-1), `marker=${sh}`);
  });

  test(`${sh}: the govm function sets and unsets GOVM_GO_VERSION in this shell`, async (t) => {
    if (!prereq(t, hasProgram(sh), `${sh} is not installed`)) return;
    if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
    const f = makeFixture([go122!]);
    const show = sh === 'fish' ? 'echo "v=$GOVM_GO_VERSION"' : 'echo "v=${GOVM_GO_VERSION-}"';
    const script = [
      evalInit(sh),
      'govm shell go1.22', show,
      `govm shell 1.19; ${rc(sh)}`, show, // not installed: unchanged
      `govm shell '$(touch pwned)'; ${rc(sh)}`, show,
      'govm shell --unset', show,
    ].join('\n');
    const r = await run(sh, shArgs(sh, script), { env: shellEnv(f), cwd: f.base });
    assert.deepEqual(r.stdout.split('\n'), ['v=1.22', 'rc=127', 'v=1.22', 'rc=2', 'v=1.22', 'v=', ''], r.stderr);
    assert.match(r.stderr, /govm install 1\.19/);
    assert.equal(existsSync(join(f.base, 'pwned')), false);
  });

  test(`${sh}: the govm function applies nothing but a plain version, whatever govm answers`, async (t) => {
    if (!prereq(t, hasProgram(sh), `${sh} is not installed`)) return;
    const f = makeFixture([]);
    const marker = join(f.base, 'pwned');
    // A govm that answers with an injection attempt.
    writeFileSync(join(f.bin, 'govm'), `#!/bin/sh\n[ "$1" = init ] && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(import.meta.dirname, '../../../dist/govm.mjs'))} "$@"\nprintf '%s\\n' 'set 1.22; touch ${marker}'\n`);
    chmodSync(join(f.bin, 'govm'), 0o755);
    const show = sh === 'fish' ? 'echo "v=$GOVM_GO_VERSION"' : 'echo "v=${GOVM_GO_VERSION-}"';
    const r = await run(sh, shArgs(sh, `${evalInit(sh)}\ngovm shell 1.22; ${rc(sh)}\n${show}`), { env: shellEnv(f), cwd: f.base });
    assert.equal(r.stdout, 'rc=1\nv=\n');
    assert.match(r.stderr, /unexpected answer/);
    assert.equal(existsSync(marker), false);
  });

  test(`${sh} --use-on-cd: cd switches real toolchains, GOROOT follows, PATH keeps one entry`, async (t) => {
    if (!prereq(t, hasProgram(sh), `${sh} is not installed`)) return;
    if (!prereq(t, go121 !== undefined && go122 !== undefined, 'Debian golang-1.21-go and golang-1.22-go are not installed')) return;
    const f = makeFixture([go121!, go122!]);
    const p = projects(f);
    const hook = sh === 'fish' ? '' : '__govm_hook; '; // fish: the PWD event runs it
    const gr = sh === 'fish' ? 'echo "GOROOT=$GOROOT"' : 'echo "GOROOT=${GOROOT-}"';
    const count = sh === 'fish' ? 'echo "entries=$(count (string match -- \'*/versions/*\' $PATH))"' : 'echo "entries=$(printf %s "$PATH" | tr : "\\n" | grep -c /versions/)"';
    const cd = (d: string): string => `cd '${d}'; ${hook}go version; ${gr}`;
    const script = [
      evalInit(sh, '--use-on-cd'),
      cd(p.a), cd(p.deep), cd(p.a), cd(p.deep),
      'govm shell 1.21; go version',
      'govm shell --unset; go version',
      count,
      `cd '${f.base}'; ${hook}command -v go || echo "no go"; ${gr}`,
    ].join('\n');
    const r = await run(sh, shArgs(sh, script), { env: shellEnv(f), cwd: f.base });
    assert.equal(r.stderr, '');
    const v = (x: { name: string }): string => `go version go${x.name} linux/amd64`;
    const root = (x: { name: string }): string => `GOROOT=${join(f.home, 'versions', x.name)}`;
    assert.deepEqual(r.stdout.split('\n'), [
      v(go121!), root(go121!), v(go122!), root(go122!), v(go121!), root(go121!), v(go122!), root(go122!),
      v(go121!), v(go122!), 'entries=1', 'no go', 'GOROOT=', '',
    ]);
  });
}

test('bash --use-on-cd: edits without cd are noticed (hand-edited .go-version, a new install, the global file)', async (t) => {
  if (!prereq(t, go121 !== undefined && go122 !== undefined, 'Debian golang-1.21-go and golang-1.22-go are not installed')) return;
  const f = makeFixture([go121!]);
  const p = projects(f);
  const script = [
    'eval "$(govm init bash --use-on-cd)"',
    `cd '${p.a}'; __govm_hook; go version`,
    '__govm_hook; go version', // unchanged: the cached answer
    "echo 1.19 > .go-version; __govm_hook; echo \"active=$__GOVM_ACTIVE\"",
    "echo '# back' > .go-version; echo 1.21 >> .go-version; __govm_hook; go version",
    `rm .go-version; echo 1.22 > '${f.home}/version'; __govm_hook; echo "active=$__GOVM_ACTIVE"`,
    `ln -s '${go122!.root}' '${f.home}/versions/${go122!.name}'; __govm_hook; go version`,
  ].join('\n');
  const r = await run('bash', ['--norc', '--noprofile', '-c', script], { env: shellEnv(f), cwd: f.base });
  assert.equal(r.stderr, '');
  assert.deepEqual(r.stdout.split('\n'), [
    `go version go${go121!.name} linux/amd64`, `go version go${go121!.name} linux/amd64`, 'active=',
    `go version go${go121!.name} linux/amd64`, 'active=', `go version go${go122!.name} linux/amd64`, '',
  ]);
});

test('fish --use-on-cd: the answer is cached, and edits without cd are still noticed', async (t) => {
  if (!prereq(t, hasProgram('fish'), 'fish is not installed')) return;
  if (!prereq(t, go121 !== undefined && go122 !== undefined, 'Debian golang-1.21-go and golang-1.22-go are not installed')) return;
  const f = makeFixture([go121!]);
  const p = projects(f);
  const cached = 'if test -n "$__govm_fp"; echo cached; else; echo fresh; end';
  const script = [
    'govm init fish --use-on-cd | source',
    `mkdir -p '${f.home}/tmp'; cd '${p.a}'; sleep 1.1; __govm_hook; go version; ${cached}`,
    `__govm_hook; go version; ${cached}`, // unchanged: the cached answer
    `echo 1.19 > .go-version; __govm_hook; echo "active=$__govm_active"; ${cached}`, // edited this second: not cached
    "echo '# back' > .go-version; echo 1.21 >> .go-version; __govm_hook; go version",
    `rm .go-version; echo 1.22 > '${f.home}/version'; __govm_hook; echo "active=$__govm_active"`,
    `ln -s '${go122!.root}' '${f.home}/versions/${go122!.name}'; __govm_hook; go version`,
  ].join('\n');
  const r = await run('fish', ['--no-config', '-c', script], { env: shellEnv(f), cwd: f.base });
  assert.equal(r.stderr, '');
  assert.deepEqual(r.stdout.split('\n'), [
    `go version go${go121!.name} linux/amd64`, 'cached', `go version go${go121!.name} linux/amd64`, 'cached', 'active=', 'fresh',
    `go version go${go121!.name} linux/amd64`, 'active=', `go version go${go122!.name} linux/amd64`, '',
  ]);
});

test('bash -i: PROMPT_COMMAND runs the hook before each prompt and keeps $?', async (t) => {
  if (!prereq(t, go121 !== undefined && go122 !== undefined, 'Debian golang-1.21-go and golang-1.22-go are not installed')) return;
  const f = makeFixture([go121!, go122!]);
  const p = projects(f);
  const input = [`eval "$(govm init bash --use-on-cd)"`, `cd '${p.a}'`, 'go version', `cd '${p.b}'`, 'go version', 'false', 'echo "status=$?"', 'echo "$PROMPT_COMMAND"', 'exit', ''].join('\n');
  const r = await run('bash', ['--norc', '--noprofile', '-i'], { env: shellEnv(f, { PROMPT_COMMAND: 'true' }), cwd: f.base, input });
  assert.deepEqual(r.stdout.split('\n'), [`go version go${go121!.name} linux/amd64`, `go version go${go122!.name} linux/amd64`, 'status=1', '__govm_hook;true', '']);
});

test('zsh -i: precmd/chpwd run the hook; $? survives', async (t) => {
  if (!prereq(t, hasProgram('zsh'), 'zsh is not installed')) return;
  if (!prereq(t, go121 !== undefined && go122 !== undefined, 'Debian golang-1.21-go and golang-1.22-go are not installed')) return;
  const f = makeFixture([go121!, go122!]);
  const p = projects(f);
  const input = [`eval "$(govm init zsh --use-on-cd)"`, `cd '${p.a}'`, 'go version', `cd '${p.deep}'`, 'go version', `echo 1.22 > '${p.a}/.go-version'`, `cd '${p.a}'`, 'go version', 'false', 'echo "status=$?"', 'exit', ''].join('\n');
  const r = await run('zsh', ['-f', '-i'], { env: shellEnv(f), cwd: f.base, input });
  assert.deepEqual(r.stdout.split('\n'), [
    `go version go${go121!.name} linux/amd64`, `go version go${go122!.name} linux/amd64`, `go version go${go122!.name} linux/amd64`, 'status=1', '',
  ], r.stderr);
});

// Completion scripts generated from the real command table, run by real
// bash, zsh and fish: command names, subcommands, options, argument choices
// and installed version names (globbed by the shell from $GOVM_HOME/versions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, runGovm } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { hasProgram, makeFixture, shellEnv, type Fixture } from './fixture.js';

function fixture(): Fixture {
  const f = makeFixture([], 'home dir ü');
  for (const v of ['1.21.13', '1.22.12']) mkdirSync(join(f.home, 'versions', v));
  return f;
}

async function script(f: Fixture, shell: string): Promise<string> {
  const r = await runGovm(['completion', shell], { env: shellEnv(f) });
  assert.equal(r.code, 0, r.stderr);
  const file = join(f.base, `completion.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

/** Completions bash offers for a command line (the last word is being completed). */
async function bashComplete(f: Fixture, file: string, line: string[]): Promise<string[]> {
  const words = line.map((w) => `'${w}'`).join(' ');
  const r = await run('bash', ['--norc', '--noprofile', '-c', `. '${file}'; COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _govm_complete; printf '%s\\n' "\${COMPREPLY[@]}"`], { env: shellEnv(f) });
  assert.equal(r.stderr, '');
  return r.stdout.split('\n').filter(Boolean).sort();
}

test('bash completion: commands, options, choices, subcommands, installed versions', async (t) => {
  if (!prereq(t, hasProgram('bash'), 'bash is not installed')) return;
  const f = fixture();
  const file = await script(f, 'bash');
  assert.deepEqual(await bashComplete(f, file, ['govm', 'ins']), ['install']);
  assert.deepEqual(await bashComplete(f, file, ['govm', 'd']), ['doctor']);
  assert.deepEqual(await bashComplete(f, file, ['govm', 'install', '--f']), ['--force']);
  assert.deepEqual(await bashComplete(f, file, ['govm', 'init', '']), ['bash', 'cmd', 'fish', 'pwsh', 'zsh']);
  assert.deepEqual(await bashComplete(f, file, ['govm', 'cache', '']), ['clean', 'ls']);
  assert.deepEqual(await bashComplete(f, file, ['govm', 'cache', 'clean', '--d']), ['--downloads']);
  for (const cmd of ['install', 'uninstall', 'use', 'global', 'exec', 'shell', 'env']) {
    assert.deepEqual(await bashComplete(f, file, ['govm', cmd, '1.2']), ['1.21.13', '1.22.12'], cmd);
  }
  assert.deepEqual(await bashComplete(f, file, ['govm', 'env', '--shell', 'fish', '1.22']), ['1.22.12'], 'an option value is not the command');
  assert.deepEqual(await bashComplete(f, file, ['govm', 'ls', '1.2']), [], 'ls takes no version');
});

test('fish completion: complete -C answers from the generated script', async (t) => {
  if (!prereq(t, hasProgram('fish'), 'fish is not installed')) return;
  const f = fixture();
  const file = await script(f, 'fish');
  const complete = async (line: string): Promise<string[]> => {
    const r = await run('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { env: shellEnv(f) });
    assert.equal(r.stderr, '');
    return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort();
  };
  assert.deepEqual(await complete('govm ins'), ['install']);
  assert.deepEqual(await complete('govm use 1.2'), ['1.21.13', '1.22.12']);
  assert.deepEqual(await complete('govm init '), ['bash', 'cmd', 'fish', 'pwsh', 'zsh']);
  assert.deepEqual(await complete('govm cache '), ['clean', 'ls']);
  assert.ok((await complete('govm install --')).includes('--force'));
});

test('zsh completion: _govm offers the same words (completion built-ins stubbed)', async (t) => {
  if (!prereq(t, hasProgram('zsh'), 'zsh is not installed')) return;
  const f = fixture();
  const file = await script(f, 'zsh');
  const complete = async (line: string[]): Promise<string[]> => {
    const stubs = '_describe() { local x; for x in "${(@P)${@[-1]}}"; do print -r -- "${x%%:*}"; done; }; compadd() { if [[ $1 == -a ]]; then print -rl -- "${(@P)2}"; else shift; print -rl -- "$@"; fi; }; _files() { print FILES; }';
    const words = line.map((w) => `'${w}'`).join(' ');
    const r = await run('zsh', ['-f', '-c', `${stubs}; . '${file}'; words=(${words}); CURRENT=${line.length}; _govm`], { env: shellEnv(f) });
    assert.equal(r.stderr, '');
    const cur = line.at(-1)!;
    return r.stdout.split('\n').filter((w) => w && w.startsWith(cur)).sort();
  };
  assert.deepEqual(await complete(['govm', 'ins']), ['install']);
  assert.deepEqual(await complete(['govm', 'use', '1.2']), ['1.21.13', '1.22.12']);
  assert.deepEqual(await complete(['govm', 'init', '']), ['bash', 'cmd', 'fish', 'pwsh', 'zsh']);
  assert.deepEqual(await complete(['govm', 'env', '--shell', '']), ['bash', 'cmd', 'fish', 'github', 'pwsh', 'sh', 'zsh']);
  assert.deepEqual(await complete(['govm', 'install', '--f']), ['--force']);
});

test('pwsh completion script: registers a native completer with the command table', async () => {
  const f = fixture();
  const r = await runGovm(['completion', 'pwsh'], { env: shellEnv(f) });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Register-ArgumentCompleter -Native -CommandName govm/);
  assert.match(r.stdout, /'install' = @\{ o = @\(.*'--force'.*\); w = @\(\); v = \$true \}/);
  assert.match(r.stdout, /'init' = @\{ o = @\(.*\); w = @\('bash','zsh','fish','pwsh','cmd'\); v = \$false \}/);
  assert.match(r.stdout, /'cache clean' = @\{/);
});

test('completion for an unknown shell is a usage error', async () => {
  const r = await runGovm(['completion', 'tcsh'], { env: shellEnv(fixture()) });
  assert.equal(r.code, 2);
});

// The launcher's plain-line parser for `govm sandbox run` against commander:
// whenever the fast parser accepts a line, commander reads it the same way;
// whenever the line is not plain, the fast parser gives way (undefined).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { parsePlainSandboxRun, sandboxFlags, type SandboxFlags } from '../../../src/commands/sandbox-flags.js';

function viaCommander(argv: string[]): { opts: SandboxFlags; command: string[] } | { error: string } {
  let got: { opts: SandboxFlags; command: string[] } | undefined;
  const run = sandboxFlags(new Command('run').argument('<command...>').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined }));
  run.action((command: string[], opts: SandboxFlags) => {
    got = { opts: { ...opts }, command };
  });
  try {
    run.parse(argv, { from: 'user' });
  } catch (e) {
    return { error: (e as Error).message };
  }
  return got ?? { error: 'no action' };
}

test('plain lines: parsed as commander parses them', () => {
  const cases: [string, string[], SandboxFlags, string[]][] = [
    ['no flags', ['--', 'go', 'version'], {}, ['go', 'version']],
    ['every flag', ['--go', '1.22', '--engine', 'podman', '--local', '--base', 'alpine:3', '--variant', 'alpine', '-e', 'A=1', '--env', 'B', '--cpus', '1.5', '--memory', '2g', '--pids-limit', '64', '--network', 'none', '--read-only-src', '--user', '1000:1000', '--', 'go', 'test', './...'],
      { go: '1.22', engine: 'podman', local: true, base: 'alpine:3', variant: 'alpine', env: ['A=1', 'B'], cpus: '1.5', memory: '2g', pidsLimit: '64', network: 'none', readOnlySrc: true, user: '1000:1000' }, ['go', 'test', './...']],
    ['= forms', ['--go=1.21', '--env=X=y', '--', 'go', 'env'], { go: '1.21', env: ['X=y'] }, ['go', 'env']],
    ['glued short value', ['-eX=1', '--', 'true'], { env: ['X=1'] }, ['true']],
    ['the last --go wins', ['--go', '1.21', '--go', '1.22', '--', 'go', 'version'], { go: '1.22' }, ['go', 'version']],
    ['flags after -- belong to the command', ['--local', '--', 'go', 'test', '-v', '--go', 'x', '--', 'y'], { local: true }, ['go', 'test', '-v', '--go', 'x', '--', 'y']],
    ['an empty value', ['--network', '', '--', 'true'], { network: '' }, ['true']],
  ];
  for (const [name, argv, opts, command] of cases) {
    const fast = parsePlainSandboxRun(argv);
    assert.deepEqual(fast, { opts, command }, name);
    assert.deepEqual(viaCommander(argv), { opts, command }, `${name}: commander agrees`);
  }
});

test('anything else is left to commander', () => {
  const cases: [string, string[]][] = [
    ['no --', ['--local', 'go', 'version']],
    ['nothing after --', ['--local', '--']],
    ['help', ['--help', '--', 'go']],
    ['short help', ['-h', '--', 'go']],
    ['an unknown flag', ['--cpu', '2', '--', 'go']],
    ['a missing value', ['--go']],
    ['a value that looks like a flag', ['--memory', '-1', '--', 'go']],
    ['a stray word before --', ['--local', 'extra', '--', 'go']],
    ['a value given to a boolean', ['--local=yes', '--', 'go']],
    ['a negated flag commander does not define', ['--no-local', '--', 'go']],
  ];
  for (const [name, argv] of cases) assert.equal(parsePlainSandboxRun(argv), undefined, name);
});

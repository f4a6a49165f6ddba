// Command-line mistakes are usage errors (exit 2) with a hint, before anything slow runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runGovm } from '../../helpers/cli.js';

test('matrix and sandbox usage errors exit 2 with the reason', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'govm-usage-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const env = cleanEnv({ GOVM_HOME: home, GOVM_OFFLINE: '1' });
  const cases: [string[], RegExp][] = [
    [['matrix', '--', 'go', 'test'], /matrix needs --go \[E_USAGE\]/],
    [['matrix', '--go', '1.22', '--jobs', 'abc', '--', 'go', 'test'], /invalid --jobs 'abc' \[E_USAGE\]/],
    [['matrix', '--go', '1.22', '--jobs', '0', '--', 'go', 'test'], /invalid --jobs '0' \[E_USAGE\]/],
    [['matrix', '--go', 'auto,1.22', '--', 'go', 'test'], /--go auto cannot be combined/],
    [['matrix', '--go', '1.22', '--platform', 'linux', '--', 'go', 'build'], /malformed platform 'linux' \[E_USAGE\]/],
    [['matrix', '--go', '1.22', '--sandbox', '--cpus', 'many', '--', 'go', 'build'], /invalid --cpus 'many' \[E_USAGE\]/],
    [['matrix', '--go', '1.22'], /missing required argument 'command'/],
    [['sandbox', 'run'], /missing required argument 'command'/],
    [['sandbox', 'run', '--user', 'root', '--', 'true'], /invalid --user 'root' \[E_USAGE\]/],
    [['sandbox', 'run', '--engine', 'lxc', '--', 'true'], /unknown container engine 'lxc' \[E_USAGE\]/],
    [['sandbox', 'run', '-e', 'BAD KEY=1', '--', 'true'], /invalid -e 'BAD KEY=1' \[E_USAGE\]/],
    [['matrix', '--go', '1.22', '--sandbox', '--user', 'x:y', '--', 'true'], /invalid --user 'x:y' \[E_USAGE\]/],
  ];
  for (const [args, want] of cases) {
    const r = await runGovm(args, { env });
    assert.match(r.stderr, want, args.join(' '));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});

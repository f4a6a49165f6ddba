// govm exec: telling the spec from the command, and the child's environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execEnv, splitExecArgs } from '../../../src/services/exec.js';

test('splitting exec arguments', () => {
  const rows: [string[], string | undefined, string[]][] = [
    [['1.19', '--', 'go', 'test', './...'], '1.19', ['go', 'test', './...']],
    [['--', 'go', 'version'], undefined, ['go', 'version']],
    [['1.19', 'go', 'version'], '1.19', ['go', 'version']],
    [['go', 'version'], undefined, ['go', 'version']],
    [['go', 'run', '.', '--', '-x'], undefined, ['go', 'run', '.', '--', '-x']],
    [['--', 'make', '--', '1.19'], undefined, ['make', '--', '1.19']],
    [['latest', 'make'], 'latest', ['make']],
    [['make'], undefined, ['make']],
  ];
  for (const [raw, spec, command] of rows) assert.deepEqual(splitExecArgs(raw), { spec, command }, raw.join(' '));
});

test('child environment: bin first (once), GOROOT, GOTOOLCHAIN=local unless set', () => {
  const env = execEnv({ PATH: '/v/1.21/bin:/usr/bin', GOROOT: '/stale' }, { root: '/v/1.21', source: 'file' }, 'linux');
  assert.deepEqual(env, { PATH: '/v/1.21/bin:/usr/bin', GOROOT: '/v/1.21', GOTOOLCHAIN: 'local' });
  assert.equal(execEnv({ PATH: '/usr/bin', GOTOOLCHAIN: 'go1.22.3+auto' }, { root: '/v/x', source: 'env' }, 'linux').GOTOOLCHAIN, 'go1.22.3+auto');
  const win = execEnv({ Path: 'C:\\Windows;C:\\v\\1.21\\bin' }, { root: 'C:\\v\\1.21', source: 'file' }, 'win32');
  assert.equal(win.Path, 'C:\\v\\1.21\\bin;C:\\Windows');
  assert.deepEqual(execEnv({ PATH: '/x' }, { root: '/usr/lib/go', source: 'system' }, 'linux'), { PATH: '/x' });
});

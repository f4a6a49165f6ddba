// doctor's Windows probe with an injected `reg` and file check (no Windows here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowsProbe, type Exec } from '../../../src/services/doctor/probes.js';

test('windows probe: C:\\Go / Program Files\\Go installs and the GoLang registry keys', async () => {
  const asked: string[][] = [];
  const exec: Exec = async (file, args) => {
    asked.push([file, ...args]);
    return { code: args[1] === 'HKLM\\SOFTWARE\\GoLang' ? 0 : 1, stdout: '', stderr: '' };
  };
  const present = new Set(['C:\\Program Files\\Go\\bin\\go.exe']);
  const r = await windowsProbe({ env: { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' } }, { exec }, async (f) => present.has(f));
  assert.deepEqual(r, { installs: ['C:\\Program Files\\Go'], registry: ['HKLM\\SOFTWARE\\GoLang'] });
  assert.deepEqual(asked, [['reg', 'query', 'HKLM\\SOFTWARE\\GoLang'], ['reg', 'query', 'HKCU\\SOFTWARE\\GoLang']]);
});

test('windows probe: a clean machine', async () => {
  const exec: Exec = async () => ({ code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key' });
  const r = await windowsProbe({ env: {} }, { exec }, async () => false);
  assert.deepEqual(r, { installs: [], registry: [] });
});

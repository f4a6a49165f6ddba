// Which folder a sandbox mounts, with real folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProject } from '../../../src/services/sandbox/prepare.js';

test('project root: go.work (outermost) over go.mod, else the nearest go.mod, else the working folder', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'govm-proj-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const mk = (p: string, files: string[] = []) => {
    mkdirSync(join(root, p), { recursive: true });
    for (const f of files) writeFileSync(join(root, p, f), 'module x\n\ngo 1.22\n');
  };
  mk('ws', ['go.work']);
  mk('ws/mod', ['go.mod']);
  mk('ws/mod/pkg/deep');
  mk('solo', ['go.mod']);
  mk('solo/cmd/tool');
  mk('plain/sub');
  const cases: [string, string, string][] = [
    ['ws/mod/pkg/deep', 'ws', 'mod/pkg/deep'],
    ['ws', 'ws', ''],
    ['solo/cmd/tool', 'solo', 'cmd/tool'],
    ['solo', 'solo', ''],
    ['plain/sub', 'plain/sub', ''],
  ];
  for (const [cwd, wantRoot, wantWd] of cases) {
    const p = findProject(join(root, cwd));
    assert.deepEqual(p, { root: join(root, wantRoot), workdir: wantWd }, cwd);
  }
});

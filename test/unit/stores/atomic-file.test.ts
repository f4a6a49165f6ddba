// stores/atomic-file.ts on real folders: the file is created (folders too) or
// replaced whole, the mode holds whatever the umask, and a failed write leaves
// the old file and no temporary file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../../src/stores/atomic-file.js';

function tmp(t: import('node:test').TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'govm-atomic-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('creates the file and its missing folders', (t) => {
  const dir = tmp(t);
  const file = join(dir, 'a', 'b', 'config.json');
  writeFileAtomicSync(file, '{"x":1}\n');
  assert.equal(readFileSync(file, 'utf8'), '{"x":1}\n');
  assert.deepEqual(readdirSync(join(dir, 'a', 'b')), ['config.json']);
});

test('replaces an existing file whole, text or bytes', (t) => {
  const file = join(tmp(t), 'f');
  writeFileSync(file, 'old content that is longer than the new one');
  writeFileAtomicSync(file, 'new');
  assert.equal(readFileSync(file, 'utf8'), 'new');
  writeFileAtomicSync(file, Buffer.from([0, 1, 2]));
  assert.deepEqual([...readFileSync(file)], [0, 1, 2]);
});

test('applies the mode whatever the umask', { skip: process.platform === 'win32' ? 'no POSIX modes on Windows' : false }, (t) => {
  const dir = tmp(t);
  const old = process.umask(0o077);
  try {
    for (const mode of [0o755, 0o644]) {
      const file = join(dir, `m${mode.toString(8)}`);
      writeFileAtomicSync(file, '#!/bin/sh\n', { mode });
      assert.equal(statSync(file).mode & 0o777, mode);
    }
  } finally {
    process.umask(old);
  }
});

test('a failed write keeps the old file and leaves no temporary file', (t) => {
  const dir = tmp(t);
  // The target is a non-empty folder: the rename over it fails.
  const target = join(dir, 'target');
  mkdirSync(target);
  writeFileSync(join(target, 'keep'), 'x');
  assert.throws(() => writeFileAtomicSync(target, 'data'), (e: NodeJS.ErrnoException) => ['EISDIR', 'ENOTEMPTY', 'EEXIST', 'EPERM'].includes(e.code ?? ''));
  assert.deepEqual(readdirSync(dir), ['target']);
  assert.equal(readFileSync(join(target, 'keep'), 'utf8'), 'x');
});

// Creating an archive's symlinks after extraction, including the fallback
// where the OS refuses symlinks (Windows without Developer Mode): a link to a
// regular file becomes a copy, a link to a folder fails clearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSymlinks } from '../../../src/integrations/archive/links.js';
import { GovmError } from '../../../src/errors.js';
import type { ResolvedSymlink } from '../../../src/integrations/archive/entry-policy.js';

function root(t: { after: (fn: () => Promise<void>) => void }): string {
  const d = mkdtempSync(join(tmpdir(), 'govm-links-'));
  t.after(() => rm(d, { recursive: true, force: true }));
  mkdirSync(join(d, 'lib', 'time'), { recursive: true });
  writeFileSync(join(d, 'lib', 'time', 'zoneinfo.zip'), 'ZIP');
  mkdirSync(join(d, 'misc'));
  return d;
}

const fileLink: ResolvedSymlink = { rel: 'misc/zi', target: '../lib/time/zoneinfo.zip', resolved: 'lib/time/zoneinfo.zip', resolvedKind: 'file' };
const dirLink: ResolvedSymlink = { rel: 'misc/tz', target: '../lib/time', resolved: 'lib/time', resolvedKind: 'dir' };

const refuse = (code: string) => async (): Promise<void> => {
  throw Object.assign(new Error(`symlink: ${code}`), { code });
};

test('links are created as real relative symlinks where the OS allows', async (t) => {
  const d = root(t);
  await createSymlinks(d, [fileLink, dirLink]);
  assert.equal(readlinkSync(join(d, 'misc/zi')), '../lib/time/zoneinfo.zip');
  assert.equal(readlinkSync(join(d, 'misc/tz')), '../lib/time');
  assert.equal(readFileSync(join(d, 'misc/tz/zoneinfo.zip'), 'utf8'), 'ZIP');
});

test('EPERM on a link to a regular file: the file is copied instead', async (t) => {
  const d = root(t);
  await createSymlinks(d, [fileLink], 'win32', refuse('EPERM'));
  assert.ok(lstatSync(join(d, 'misc/zi')).isFile());
  assert.equal(readFileSync(join(d, 'misc/zi'), 'utf8'), 'ZIP');
});

test('EPERM on a link to a folder fails clearly with E_FS', async (t) => {
  const d = root(t);
  await assert.rejects(createSymlinks(d, [dirLink], 'win32', refuse('EPERM')), (e: unknown) => {
    assert.ok(e instanceof GovmError);
    assert.equal(e.code, 'E_FS');
    assert.match(e.message, /cannot create symlink "misc\/tz" -> "\.\.\/lib\/time": EPERM/);
    assert.match(e.hint ?? '', /Developer Mode/);
    return true;
  });
});

test('other symlink errors are not papered over by a copy', async (t) => {
  const d = root(t);
  await assert.rejects(createSymlinks(d, [fileLink], 'linux', refuse('EEXIST')), /EEXIST/);
});

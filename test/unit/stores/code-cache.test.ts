// The launcher's code cache (stores/code-cache.ts), on real files: a module
// runs the same from source, from accepted bytecode and past a broken cache
// file; the cache is written once, atomically, only where asked, and files of
// other builds are pruned. V8 also keeps compiled scripts in memory, keyed by
// source: every load here rewrites the module with a different comment of the
// same length, so a load in this process cannot be served from memory, while
// the cache file (which V8 checks against the source's length) still fits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheFile, importerFor, loadCached, type CachedModule } from '../../../src/stores/code-cache.js';

interface Mod {
  add(a: number, b: number): number;
  lazy(): Promise<number>;
  file: string;
}

interface Setup {
  dir: string;
  file: string;
  cache: string;
}

function setup(t: import('node:test').TestContext): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'govm-code-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'mod.cjs');
  writeFileSync(join(dir, 'lazy.mjs'), 'export const answer = 41;\n');
  return { dir, file, cache: join(dir, 'home', 'cache', 'v8') };
}

const key = { build: 'b1', path: 'current' };
const req = createRequire(import.meta.url);
let loads = 0;
function load(s: Setup, dir: string | undefined, k = key): CachedModule<Mod> {
  // A shebang (as bundles have), require, __filename, and import() through the importer.
  writeFileSync(s.file, [
    '#!/usr/bin/env node',
    "const { basename } = require('node:path');",
    'module.exports.add = (a, b) => a + b;',
    'module.exports.file = basename(__filename);',
    "module.exports.lazy = async () => (await __govmImport('./lazy.mjs')).answer + (await __govmImport('node:path')).sep.length;",
    `// load ${String(++loads).padStart(4, '0')}`,
  ].join('\n'));
  return loadCached<Mod>(s.file, dir, k, req, importerFor(s.dir));
}

async function check(m: Mod): Promise<void> {
  assert.equal(m.add(2, 3), 5);
  assert.equal(m.file, 'mod.cjs');
  assert.equal(await m.lazy(), 42);
}

test('first run compiles and saves; the next loads the bytecode and runs the same', async (t) => {
  const s = setup(t);
  const first = load(s, s.cache);
  assert.equal(first.status, 'none');
  await check(first.exports);
  first.save();
  const file = codeCacheFile(s.cache, key, process.version, process.arch);
  assert.deepEqual(readdirSync(s.cache), [file.slice(s.cache.length + 1)], 'one file, no temporary left');
  assert.match(file, new RegExp(`b1-${process.version.replace(/\./g, '\\.')}-${process.arch}-current\\.bin$`));
  const second = load(s, s.cache);
  assert.equal(second.status, 'accepted');
  await check(second.exports);
  const before = readFileSync(file);
  second.save();
  assert.deepEqual(readFileSync(file), before, 'an accepted cache is not rewritten');
});

test('a broken cache file is rejected, the module still runs, and the file is replaced', async (t) => {
  const s = setup(t);
  load(s, s.cache).save();
  const file = codeCacheFile(s.cache, key, process.version, process.arch);
  for (const junk of [Buffer.from('not a code cache'), readFileSync(file).subarray(0, 100)]) {
    writeFileSync(file, junk);
    const m = load(s, s.cache);
    assert.equal(m.status, 'rejected');
    await check(m.exports);
    m.save();
    assert.equal(load(s, s.cache).status, 'accepted');
  }
});

test('fast paths keep their own files; saving prunes the files of other builds', async (t) => {
  const s = setup(t);
  load(s, s.cache, { build: 'old', path: 'current' }).save();
  load(s, s.cache).save();
  load(s, s.cache, { build: 'b1', path: 'sandbox-run' }).save();
  assert.deepEqual(readdirSync(s.cache).sort(), [
    `b1-${process.version}-${process.arch}-current.bin`,
    `b1-${process.version}-${process.arch}-sandbox-run.bin`,
  ]);
});

test('no cache folder: nothing read or written; an unwritable one: the module runs, save does not throw', async (t) => {
  const s = setup(t);
  const off = load(s, undefined);
  assert.equal(off.status, 'off');
  await check(off.exports);
  off.save();
  assert.deepEqual(readdirSync(s.dir).sort(), ['lazy.mjs', 'mod.cjs']);
  // A file where the folder should be: mkdir fails.
  const blocked = join(s.dir, 'blocked');
  writeFileSync(blocked, '');
  const m = load(s, join(blocked, 'v8'));
  assert.equal(m.status, 'none');
  await check(m.exports);
  assert.doesNotThrow(() => m.save());
});

// The zip extractor on real temp folders with zips written record by record
// (so they can carry names real zip tools refuse to write).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractArchive, extractZip } from '../../../src/integrations/archive/zip.js';
import { assertRejects, symlinksUnder } from '../../helpers/archive-assertions.js';
import { goTree, makeZip, type SynthEntry, type ZipOptions } from '../../helpers/archives.js';

function sandbox(t: { after: (fn: () => Promise<void>) => void }): { base: string; dest: string } {
  const base = mkdtempSync(join(tmpdir(), 'govm-zip-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  return { base, dest: join(base, 'root', 'out') };
}

function writeZip(base: string, entries: SynthEntry[], opts?: ZipOptions): string {
  const file = join(base, 'go.windows-amd64.zip');
  writeFileSync(file, makeZip(entries, opts));
  return file;
}



test('a normal zip extracts with go/ stripped, exec bits restored, folders created', async (t) => {
  const { base, dest } = sandbox(t);
  const entries: SynthEntry[] = [
    ...goTree('go1.22.5'),
    { name: 'go/misc/setuid', body: 'x', mode: 0o4755 },
    { name: 'go/deep/er/than/any/dir/entry.txt', body: 'implied folders' },
    { name: 'go/misc/link', type: 'symlink', linkname: '../bin/go' },
    { name: 'go/big', body: Buffer.alloc(3_000_000, 'z') },
  ];
  const r = await extractZip(writeZip(base, entries), dest);
  assert.equal(r.files, 10);
  assert.ok(!existsSync(join(dest, 'go')));
  assert.match(readFileSync(join(dest, 'bin/go'), 'utf8'), /go version go1\.22\.5/);
  const umask = process.umask();
  assert.equal(statSync(join(dest, 'bin/go')).mode & 0o777, 0o755 & ~umask);
  assert.equal(statSync(join(dest, 'src/fmt/print.go')).mode & 0o777, 0o644 & ~umask);
  assert.equal(statSync(join(dest, 'misc/setuid')).mode & 0o7777, 0o755 & ~umask, 'setuid dropped');
  assert.equal(readFileSync(join(dest, 'deep/er/than/any/dir/entry.txt'), 'utf8'), 'implied folders');
  assert.equal(readlinkSync(join(dest, 'misc/link')), '../bin/go');
  assert.equal(readFileSync(join(dest, 'big')).length, 3_000_000);
});

test('a zip made on Windows (no Unix modes, stored entries) extracts with default modes', async (t) => {
  const { base, dest } = sandbox(t);
  const r = await extractZip(writeZip(base, goTree(), { madeBy: 'dos', method: 'store' }), dest);
  assert.equal(r.files, 6);
  assert.equal(statSync(join(dest, 'bin/go')).mode & 0o777, 0o644 & ~process.umask());
  assert.ok(statSync(join(dest, 'src')).isDirectory());
});

test('names: the UTF-8 flag is honoured; unflagged Unix names are read as UTF-8, unflagged DOS names as CP437', async (t) => {
  const entries: SynthEntry[] = [{ name: 'go/', type: 'dir' }, { name: 'go/test/Þfoo.go', body: 'package p\n' }];
  const cases: Array<[string, ZipOptions, string]> = [
    ['flagged', {}, 'Þfoo.go'],
    ['unflagged, made on Unix', { utf8Flag: false }, 'Þfoo.go'],
    ['unflagged, made on DOS', { utf8Flag: false, madeBy: 'dos' }, '├₧foo.go'],
  ];
  for (const [what, opts, want] of cases) {
    const { base, dest } = sandbox(t);
    await extractZip(writeZip(base, entries, opts), dest);
    assert.deepEqual(readdirSync(join(dest, 'test')), [want], what);
  }
});

test('extractArchive picks zip by content', async (t) => {
  const { base, dest } = sandbox(t);
  const file = join(base, 'cached-archive'); // no extension: sniffed from the bytes
  writeFileSync(file, makeZip(goTree()));
  assert.deepEqual(await extractArchive(file, dest), { files: 6 });
});

const unsafe: Array<{ what: string; entries: SynthEntry[]; names: string; why: RegExp }> = [
  { what: 'absolute path', entries: [{ name: '/etc/govm-evil', body: 'x' }], names: '/etc/govm-evil', why: /absolute/ },
  { what: 'drive letter', entries: [{ name: 'C:\\govm-evil', body: 'x' }], names: 'C:\\govm-evil', why: /drive letter/ },
  { what: 'drive letter, forward slash', entries: [{ name: 'C:/govm-evil', body: 'x' }], names: 'C:/govm-evil', why: /drive letter/ },
  { what: 'UNC path', entries: [{ name: '\\\\server\\share\\x', body: 'x' }], names: '\\\\server\\share\\x', why: /absolute/ },
  { what: 'dot-dot', entries: [{ name: 'go/../../evil', body: 'x' }], names: 'go/../../evil', why: /'\.\.'/ },
  { what: 'backslash traversal', entries: [{ name: 'go\\..\\..\\evil', body: 'x' }], names: 'go\\..\\..\\evil', why: /'\.\.'/ },
  { what: 'mixed-separator traversal', entries: [{ name: 'go/bin\\..\\..\\..\\evil', body: 'x' }], names: 'go/bin\\..\\..\\..\\evil', why: /'\.\.'/ },
  { what: 'backslash name', entries: [{ name: 'go\\bin\\go', body: 'x' }], names: 'go\\bin\\go', why: /backslash/ },
  { what: 'symlink escaping', entries: [{ name: 'go/esc', type: 'symlink', linkname: '../../evil' }], names: 'go/esc', why: /outside/ },
  { what: 'symlink absolute', entries: [{ name: 'go/esc', type: 'symlink', linkname: '/etc/passwd' }], names: 'go/esc', why: /absolute/ },
  { what: 'character device', entries: [{ name: 'go/null', type: 'chardev' }], names: 'go/null', why: /character device/ },
  { what: 'FIFO', entries: [{ name: 'go/pipe', type: 'fifo' }], names: 'go/pipe', why: /FIFO/ },
  { what: 'entry outside go/', entries: [{ name: 'other/x', body: 'x' }], names: 'other/x', why: /top folder/ },
  {
    what: 'write through a symlink',
    entries: [{ name: 'go/bin/', type: 'dir' }, { name: 'go/l', type: 'symlink', linkname: 'bin' }, { name: 'go/l/evil', body: 'x' }],
    names: 'go/l/evil',
    why: /through the symlink/,
  },
  { what: 'duplicate file', entries: [{ name: 'go/a', body: 'first' }, { name: 'go/a', body: 'second' }], names: 'go/a', why: /duplicate/ },
  { what: 'duplicate differing in case', entries: [{ name: 'go/A', body: 'first' }, { name: 'go/a', body: 'second' }], names: 'go/a', why: /duplicate/ },
  {
    what: 'symlink planted over an extracted folder',
    entries: [{ name: 'go/d/x', body: 'x' }, { name: 'go/d', type: 'symlink', linkname: '..' }],
    names: 'go/d',
    why: /duplicate/,
  },
];

for (const c of unsafe) {
  test(`rejects (zip): ${c.what}`, async (t) => {
    const { base, dest } = sandbox(t);
    const file = writeZip(base, [{ name: 'go/', type: 'dir' }, { name: 'go/VERSION', body: 'go1.22.5' }, ...c.entries, { name: 'go/after', body: 'x' }]);
    const e = await assertRejects(extractZip(file, dest), 'E_UNSAFE_ARCHIVE', c.names);
    assert.match(e.message, c.why);
    assert.deepEqual(readdirSync(base).sort(), ['go.windows-amd64.zip', 'root'], 'nothing written beside the target');
    assert.deepEqual(readdirSync(join(base, 'root')), ['out']);
    assert.ok(!existsSync(join(dest, 'after')), 'nothing after the unsafe entry is written');
    assert.deepEqual(symlinksUnder(dest), [], 'no link of a rejected archive is ever created');
  });
}

test('a truncated zip rejects with E_ARCHIVE', async (t) => {
  const { base, dest } = sandbox(t);
  const zip = makeZip(goTree());
  const file = join(base, 'cut.zip');
  writeFileSync(file, zip.subarray(0, zip.length - 30));
  await assertRejects(extractZip(file, dest), 'E_ARCHIVE', /corrupt or unsupported zip/);
});

test('corrupt deflate data rejects with E_ARCHIVE naming the entry', async (t) => {
  const { base, dest } = sandbox(t);
  const zip = makeZip([{ name: 'go/', type: 'dir' }, { name: 'go/blob', body: Buffer.alloc(50_000, 'abc') }]);
  // The deflated body starts after the two local headers (30 + name) and the folder entry.
  const bodyAt = 30 + 'go/'.length + 30 + 'go/blob'.length;
  for (let i = bodyAt; i < bodyAt + 40; i++) zip[i]! ^= 0xff;
  const file = join(base, 'bad.zip');
  writeFileSync(file, zip);
  await assertRejects(extractZip(file, dest), 'E_ARCHIVE', /entry "go\/blob"/);
});

test('an empty zip (no files under go/) rejects', async (t) => {
  const { base, dest } = sandbox(t);
  await assertRejects(extractZip(writeZip(base, [{ name: 'go/', type: 'dir' }]), dest), 'E_ARCHIVE', /no files/);
});

test('sizes: a body longer than declared is corrupt; a zip declaring a huge inflation is refused before writing', async (t) => {
  const { base, dest } = sandbox(t);
  const body = Buffer.alloc(100_000, 'abcdef');
  const lying = writeZip(base, [{ name: 'go/', type: 'dir' }, { name: 'go/blob', body, declaredSize: 1000 }]);
  await assertRejects(extractZip(lying, dest), 'E_ARCHIVE', /entry "go\/blob"/);

  const { base: base2, dest: dest2 } = sandbox(t);
  const bomb = writeZip(base2, [{ name: 'go/', type: 'dir' }, { name: 'go/VERSION', body: 'x' }, { name: 'go/bomb', body: 'tiny', declaredSize: 0xfffffff0 }]);
  await assertRejects(extractZip(bomb, dest2), 'E_UNSAFE_ARCHIVE', /"go\/bomb": the zip inflates to over 100× its size/);
  assert.ok(!existsSync(join(dest2, 'bomb')));
});

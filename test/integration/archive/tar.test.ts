// The streaming tar.gz extractor on real temp folders with hand-built archives:
// normal extraction, every rejection (E_UNSAFE_ARCHIVE naming the entry, and
// nothing written outside the target), corrupt/truncated streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { createTarGzExtractor } from '../../../src/integrations/archive/tar.js';
import { extractArchive } from '../../../src/integrations/archive/zip.js';
import { GovmError } from '../../../src/errors.js';
import { assertRejects, symlinksUnder } from '../../helpers/archive-assertions.js';
import { goTree, makeTar, makeTarGz, type SynthEntry } from '../../helpers/archives.js';

function sandbox(t: { after: (fn: () => Promise<void>) => void }): { base: string; dest: string } {
  const base = mkdtempSync(join(tmpdir(), 'govm-tar-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  return { base, dest: join(base, 'root', 'out') };
}

/** Feeds `bytes` in `chunk`-sized pieces through pipeline() and returns `done`'s outcome. */
async function extract(bytes: Buffer, dest: string, chunk = 64 * 1024): Promise<{ files: number }> {
  const { stream, done } = createTarGzExtractor(dest);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const piped = pipeline(Readable.from(pieces), stream);
  const [r] = await Promise.all([done, piped.catch((e: unknown) => done.then(() => Promise.reject(e)))]);
  return r;
}



test('a normal archive extracts with go/ stripped, exec bits kept, links inside the root created', async (t) => {
  const { dest } = sandbox(t);
  const long = `go/src/${'deep/'.repeat(30)}file.go`; // > 100 bytes: needs a pax header
  const entries: SynthEntry[] = [
    ...goTree('go1.22.5'),
    { name: long, body: 'package deep\n' },
    { name: 'go/misc/setuid', body: 'x', mode: 0o4755 },
    { name: 'go/misc/groupw', body: 'x', mode: 0o666 },
    { name: 'go/lib/time/zoneinfo.zip', body: 'ZIP' },
    { name: 'go/misc/zi', type: 'symlink', linkname: '../lib/time/zoneinfo.zip' },
    { name: 'go/misc/hard', type: 'link', linkname: 'go/VERSION' },
    { name: 'go/misc/empty', body: '', mtime: 1600000000 },
  ];
  const r = await extract(makeTarGz(entries), dest, 7); // tiny chunks: header/body splits everywhere
  assert.equal(r.files, 13); // 6 from goTree + long + setuid + groupw + zoneinfo + 2 links + empty
  assert.equal(readFileSync(join(dest, 'VERSION'), 'utf8'), 'go1.22.5\ntime 2024-07-02T17:00:00Z\n');
  assert.ok(!existsSync(join(dest, 'go')), 'the top folder is stripped');
  const umask = process.umask();
  assert.equal(statSync(join(dest, 'bin/go')).mode & 0o777, 0o755 & ~umask);
  assert.equal(statSync(join(dest, 'pkg/tool/linux_amd64/compile')).mode & 0o111, 0o111 & ~umask);
  assert.equal(statSync(join(dest, 'src/fmt/print.go')).mode & 0o777, 0o644 & ~umask);
  assert.equal(statSync(join(dest, 'misc/setuid')).mode & 0o7777, 0o755 & ~umask, 'setuid dropped');
  assert.equal(statSync(join(dest, 'misc/groupw')).mode & 0o777, 0o644 & ~umask, 'group/other write dropped');
  assert.equal(readFileSync(join(dest, long.slice(3)), 'utf8'), 'package deep\n');
  assert.ok(lstatSync(join(dest, 'misc/zi')).isSymbolicLink());
  assert.equal(readlinkSync(join(dest, 'misc/zi')), '../lib/time/zoneinfo.zip');
  assert.equal(readFileSync(join(dest, 'misc/zi'), 'utf8'), 'ZIP');
  assert.equal(statSync(join(dest, 'misc/hard')).ino, statSync(join(dest, 'VERSION')).ino);
  assert.equal(statSync(join(dest, 'VERSION')).mtime.getTime(), 1700000000 * 1000, 'mtime kept');
  assert.equal(statSync(join(dest, 'misc/empty')).size, 0);
  assert.equal(statSync(join(dest, 'misc/empty')).mtime.getTime(), 1600000000 * 1000, 'empty files are closed and stamped too');
});

test('a large file streams through with backpressure, and plain (ungzipped) tar works', async (t) => {
  const { dest } = sandbox(t);
  const big = Buffer.alloc(8 * 1024 * 1024, 'abcdefgh');
  const r = await extract(makeTar([{ name: 'go/', type: 'dir' }, { name: 'go/big', body: big }]), dest, 16 * 1024);
  assert.equal(r.files, 1);
  assert.ok(readFileSync(join(dest, 'big')).equals(big));
});

// `late`: only detectable once the whole archive is known (links resolved through other links).
const unsafe: Array<{ what: string; entries: SynthEntry[]; names: string; late?: boolean }> = [
  { what: 'absolute path', entries: [{ name: '/etc/govm-evil', body: 'x' }], names: '/etc/govm-evil' },
  { what: 'absolute path under go', entries: [{ name: '/go/bin/x', body: 'x' }], names: '/go/bin/x' },
  { what: 'drive letter', entries: [{ name: 'C:\\evil', body: 'x' }], names: 'C:\\evil' },
  { what: 'UNC path', entries: [{ name: '\\\\server\\share\\evil', body: 'x' }], names: '\\\\server\\share\\evil' },
  { what: 'dot-dot', entries: [{ name: 'go/../../evil', body: 'x' }], names: 'go/../../evil' },
  { what: 'dot-dot with backslashes', entries: [{ name: 'go\\..\\..\\evil', body: 'x' }], names: 'go\\..\\..\\evil' },
  { what: 'symlink escaping', entries: [{ name: 'go/esc', type: 'symlink', linkname: '../evil' }], names: 'go/esc' },
  { what: 'symlink absolute', entries: [{ name: 'go/esc', type: 'symlink', linkname: '/etc/passwd' }], names: 'go/esc' },
  {
    what: 'symlink escaping through another link',
    entries: [
      { name: 'go/sub/', type: 'dir' },
      { name: 'go/sub/up', type: 'symlink', linkname: '..' },
      { name: 'go/esc', type: 'symlink', linkname: 'sub/up/../evil' },
    ],
    names: 'go/esc',
    late: true,
  },
  { what: 'hardlink escaping', entries: [{ name: 'go/h', type: 'link', linkname: '../outside-file' }], names: 'go/h' },
  { what: 'hardlink absolute', entries: [{ name: 'go/h', type: 'link', linkname: '/etc/passwd' }], names: 'go/h' },
  { what: 'character device', entries: [{ name: 'go/dev/null', type: 'chardev' }], names: 'go/dev/null' },
  { what: 'block device', entries: [{ name: 'go/sda', type: 'blockdev' }], names: 'go/sda' },
  { what: 'FIFO', entries: [{ name: 'go/pipe', type: 'fifo' }], names: 'go/pipe' },
  { what: 'entry outside go/', entries: [{ name: 'notgo/x', body: 'x' }], names: 'notgo/x' },
  { what: 'second top folder', entries: [{ name: 'go/ok', body: 'x' }, { name: 'extra/x', body: 'x' }], names: 'extra/x' },
  {
    what: 'write through an in-root symlink',
    entries: [{ name: 'go/bin/', type: 'dir' }, { name: 'go/l', type: 'symlink', linkname: 'bin' }, { name: 'go/l/evil', body: 'x' }],
    names: 'go/l/evil',
  },
  {
    what: 'duplicate: a symlink replacing a file',
    entries: [{ name: 'go/a', body: 'x' }, { name: 'go/a', type: 'symlink', linkname: 'bin' }],
    names: 'go/a',
  },
];

for (const c of unsafe) {
  test(`rejects (tar): ${c.what}`, async (t) => {
    const { base, dest } = sandbox(t);
    const entries: SynthEntry[] = [{ name: 'go/', type: 'dir' }, { name: 'go/VERSION', body: 'go1.22.5' }, ...c.entries, { name: 'go/after', body: 'x' }];
    await assertRejects(extract(makeTarGz(entries), dest), 'E_UNSAFE_ARCHIVE', c.names);
    assert.deepEqual(readdirSync(base), ['root'], 'nothing written beside the target');
    assert.deepEqual(readdirSync(join(base, 'root')), ['out']);
    if (!c.late) assert.ok(!existsSync(join(dest, 'after')), 'nothing after the unsafe entry is written');
    assert.deepEqual(symlinksUnder(dest), [], 'no link of a rejected archive is ever created');
    assert.ok(!existsSync(join(dest, 'l', 'evil')) && !existsSync(join(dest, 'bin', 'evil')));
  });
}

test('the extractor rejects through extractArchive too (file-based), with the entry name', async (t) => {
  const { base, dest } = sandbox(t);
  const file = join(base, 'evil.tar.gz');
  writeFileSync(file, makeTarGz([{ name: 'go/', type: 'dir' }, { name: 'go/../../evil', body: 'x' }]));
  const e = await assertRejects(extractArchive(file, dest), 'E_UNSAFE_ARCHIVE', 'go/../../evil');
  assert.match(e.message, /'\.\.' segment/);
  assert.equal(e.exitCode, 6);
});

test('extractArchive extracts a .tar.gz file', async (t) => {
  const { base, dest } = sandbox(t);
  const file = join(base, 'go1.22.5.linux-amd64.tar.gz');
  writeFileSync(file, makeTarGz(goTree()));
  assert.deepEqual(await extractArchive(file, dest), { files: 6 });
  assert.ok(statSync(join(dest, 'bin/go')).mode & 0o100);
});

test('a corrupt gzip stream rejects done with E_ARCHIVE', async (t) => {
  const { dest } = sandbox(t);
  const gz = makeTarGz([...goTree(), { name: 'go/blob', body: Buffer.alloc(200_000, 'q') }]);
  const bad = Buffer.from(gz);
  for (let i = 40; i < bad.length - 20; i += 97) bad[i]! ^= 0x5a;
  await assertRejects(extract(bad, dest), 'E_ARCHIVE', /corrupt or truncated/);
});

test('a truncated gzip stream rejects done with E_ARCHIVE', async (t) => {
  const { dest } = sandbox(t);
  const gz = makeTarGz([...goTree(), { name: 'go/blob', body: Buffer.alloc(100_000, 'q') }]);
  await assertRejects(extract(gz.subarray(0, Math.floor(gz.length / 2)), dest), 'E_ARCHIVE', /corrupt or truncated/);
});

test('a tar cut in the middle of an entry (no gzip) rejects with E_ARCHIVE', async (t) => {
  const { dest } = sandbox(t);
  const tar = makeTar([...goTree(), { name: 'go/blob', body: Buffer.alloc(100_000, 'q') }]);
  await assertRejects(extract(tar.subarray(0, tar.length - 50_000), dest), 'E_ARCHIVE', /corrupt or truncated/);
});

test('bytes that are not an archive reject, and so does an archive with no files', async (t) => {
  const { dest } = sandbox(t);
  await assertRejects(extract(gzipSync(Buffer.alloc(4096, 'not a tar file ')), dest), 'E_ARCHIVE', /./);
  const { dest: dest2 } = sandbox(t);
  await assertRejects(extract(makeTarGz([{ name: 'go/', type: 'dir' }, { name: 'go/empty/', type: 'dir' }]), dest2), 'E_ARCHIVE', /no files under "go\/"/);
});

test('destroying the stream before the end rejects done', async (t) => {
  const { dest } = sandbox(t);
  const gz = makeTarGz(goTree());
  const { stream, done } = createTarGzExtractor(dest);
  await new Promise<void>((res) => stream.write(gz.subarray(0, 100), () => res()));
  stream.destroy();
  await assertRejects(done, 'E_ARCHIVE', /closed before the end/);
});

test('an unsafe entry also fails the writer (pipeline) with the same error', async (t) => {
  const { dest } = sandbox(t);
  const gz = makeTarGz([{ name: 'go/', type: 'dir' }, { name: '/etc/evil', body: 'x' }, { name: 'go/pad', body: Buffer.alloc(2_000_000, 'p') }]);
  const { stream, done } = createTarGzExtractor(dest);
  const piped = pipeline(Readable.from([gz.subarray(0, 1024), gz.subarray(1024)]), stream);
  const e1 = await assertRejects(done, 'E_UNSAFE_ARCHIVE', '/etc/evil');
  const e2 = await piped.then(
    () => assert.fail('pipeline should fail'),
    (e: unknown) => e,
  );
  assert.equal(e2, e1);
});

function cutBeforeEnd(b: Buffer, n: number): Buffer {
  assert.ok(b.length > n, 'the archive must be larger than what is cut off');
  return b.subarray(0, b.length - n);
}

test('once done rejects nothing writes any more: the folder can be removed at once and stays gone', async (t) => {
  const many: SynthEntry[] = [{ name: 'go/', type: 'dir' }];
  for (let i = 0; i < 1500; i++) many.push({ name: `go/d${i % 40}/f${i}.go`, body: 'x'.repeat(3000) });
  const cases: Array<[string, Buffer]> = [
    ['unsafe entry after many files', makeTarGz([...many, { name: '/etc/evil', body: 'x' }])],
    ['stream cut inside a large file', cutBeforeEnd(makeTarGz([...many, { name: 'go/big', body: randomBytes(4_000_000) }]), 1_000_000)],
  ];
  for (const [what, bytes] of cases) {
    const { dest } = sandbox(t);
    const { stream, done } = createTarGzExtractor(dest);
    stream.end(bytes);
    await done.then(
      () => assert.fail(`${what}: should reject`),
      (e: unknown) => assert.ok(e instanceof GovmError, what),
    );
    await rm(dest, { recursive: true }); // no retries: fails with ENOTEMPTY if a write lands meanwhile
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!existsSync(dest), `${what}: nothing recreated the folder after the rejection`);
  }
});

test('a gzip bomb is refused once it inflates past the ratio limit', async (t) => {
  const { dest } = sandbox(t);
  const gz = makeTarGz([{ name: 'go/', type: 'dir' }, { name: 'go/zeros', body: Buffer.alloc(80 << 20) }]);
  assert.ok(gz.length < 200_000, `zeros compress ~1000:1 (${gz.length} bytes)`);
  await assertRejects(extract(gz, dest), 'E_UNSAFE_ARCHIVE', /inflates to over 100× its size/);
  assert.ok(!existsSync(join(dest, 'zeros')) || statSync(join(dest, 'zeros')).size < 80 << 20, 'the bomb was not written out in full');
});

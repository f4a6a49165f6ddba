// Table-driven checks of the pure entry policy (no fs): what is accepted, how
// it is normalised, and that every unsafe shape is rejected naming the entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntryPolicy, normaliseMode, resolveLinkTarget, splitEntryPath, type ArchiveEntry } from '../../../src/integrations/archive/entry-policy.js';
import { GovmError } from '../../../src/errors.js';

function rejects(fn: () => unknown, name: string, why: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof GovmError, `expected GovmError, got ${String(e)}`);
    assert.equal(e.code, 'E_UNSAFE_ARCHIVE');
    assert.ok(e.message.includes(JSON.stringify(name)), `message ${JSON.stringify(e.message)} should name ${JSON.stringify(name)}`);
    assert.match(e.message, why);
    return true;
  });
}

test('splitEntryPath accepts and normalises ordinary names', () => {
  const table: Array<[string, string[]]> = [
    ['go/bin/go', ['go', 'bin', 'go']],
    ['go/', ['go']],
    ['./go/src/x.go', ['go', 'src', 'x.go']],
    ['go//src/./y', ['go', 'src', 'y']],
    ['go/src/.hidden', ['go', 'src', '.hidden']],
    ['go/src/a..b', ['go', 'src', 'a..b']],
    ['go/src/auxiliary.go', ['go', 'src', 'auxiliary.go']],
    ['go/src/console', ['go', 'src', 'console']],
  ];
  for (const [name, want] of table) assert.deepEqual(splitEntryPath(name), want, name);
});

test('splitEntryPath rejects absolute, traversal and Windows-ambiguous names', () => {
  const table: Array<[string, RegExp]> = [
    ['/etc/x', /absolute path/],
    ['C:\\x', /drive letter/],
    ['c:/x', /drive letter/],
    ['C:x', /drive letter/],
    ['\\\\server\\share\\x', /absolute path/],
    ['\\x', /absolute path/],
    ['go/../x', /'\.\.' segment/],
    ['go/bin/../../x', /'\.\.' segment/],
    ['go\\..\\..\\x', /'\.\.' segment/],
    ['..', /'\.\.' segment/],
    ['go/.../x', /ambiguous/],
    ['go/.. /x', /ambiguous/],
    ['go/a:b', /contains ':'/],
    ['go/x\0y', /NUL/],
    ['go\\bin\\go', /backslash/],
    ['go/src/aux.go', /device name/],
    ['go/NUL', /device name/],
    ['go/com1.txt', /device name/],
    ['go/bin/go.exe.', /ends with a dot or space/],
    ['go/bin/go ', /ends with a dot or space/],
    ['', /empty/],
    ['./', /names no file/],
  ];
  for (const [name, why] of table) rejects(() => splitEntryPath(name), name, why);
});

test('resolveLinkTarget resolves against the link folder and refuses escapes', () => {
  const ok: Array<[string, string, string]> = [
    ['bin/go', '../pkg/tool/go', 'pkg/tool/go'],
    ['a/b/c', '../../x', 'x'],
    ['a', 'b', 'b'],
    ['a/l', '..', ''],
  ];
  for (const [link, target, want] of ok) assert.equal(resolveLinkTarget(link, target).join('/'), want, `${link} -> ${target}`);
  const bad: Array<[string, string, RegExp]> = [
    ['l', '..', /outside/],
    ['a/l', '../../etc/passwd', /outside/],
    ['a/l', '..\\..\\x', /outside/],
    ['l', '/etc/passwd', /absolute/],
    ['l', 'C:\\Windows', /absolute/],
    ['l', '\\\\server\\x', /absolute/],
    ['l', '', /empty target/],
  ];
  for (const [link, target, why] of bad) rejects(() => resolveLinkTarget(link, target), link, why);
});

test('normaliseMode keeps only the executable bit', () => {
  const table: Array<['file' | 'dir' | 'symlink' | 'hardlink', number | undefined, number]> = [
    ['file', 0o644, 0o644],
    ['file', 0o755, 0o755],
    ['file', 0o4755, 0o755],
    ['file', 0o666, 0o644],
    ['file', 0o100, 0o755],
    ['file', undefined, 0o644],
    ['dir', 0o700, 0o755],
    ['dir', undefined, 0o755],
  ];
  for (const [kind, mode, want] of table) assert.equal(normaliseMode(kind, mode), want, `${kind} ${mode?.toString(8)}`);
});

test('EntryPolicy accepts a normal tree, strips the top folder, checks links', () => {
  const p = new EntryPolicy('go');
  const run = (e: ArchiveEntry) => p.check(e);
  assert.equal(run({ name: 'go/', kind: 'dir' }), null);
  assert.deepEqual(run({ name: 'go/bin/go', kind: 'file', mode: 0o755 }), { rel: 'bin/go', kind: 'file', mode: 0o755 });
  assert.deepEqual(run({ name: 'go/bin/', kind: 'dir' }), { rel: 'bin', kind: 'dir', mode: 0o755 });
  assert.deepEqual(run({ name: 'go/h', kind: 'hardlink', linkTarget: 'go/bin/go' }), { rel: 'h', kind: 'hardlink', mode: 0o644, linkTarget: 'bin/go' });
  assert.deepEqual(run({ name: 'go/l', kind: 'symlink', linkTarget: 'bin/go' }), { rel: 'l', kind: 'symlink', mode: 0o644, linkTarget: 'bin/go' });
  assert.deepEqual(p.finish(), [{ rel: 'l', target: 'bin/go', resolved: 'bin/go', resolvedKind: 'file' }]);
});

test('EntryPolicy rejects each unsafe entry, naming it', () => {
  const cases: Array<{ what: string; before?: ArchiveEntry[]; entry: ArchiveEntry; why: RegExp }> = [
    { what: 'outside top folder', entry: { name: 'other/x', kind: 'file' }, why: /not under the archive's top folder "go\/"/ },
    { what: 'look-alike top folder', entry: { name: 'gox/x', kind: 'file' }, why: /top folder/ },
    { what: 'top folder as a file', entry: { name: 'go', kind: 'file' }, why: /must be a folder/ },
    { what: 'char device', entry: { name: 'go/dev', kind: 'other', typeName: 'CharacterDevice' }, why: /CharacterDevice entries/ },
    { what: 'fifo', entry: { name: 'go/p', kind: 'other', typeName: 'FIFO' }, why: /FIFO entries/ },
    { what: 'symlink escaping', entry: { name: 'go/l', kind: 'symlink', linkTarget: '../../etc/passwd' }, why: /outside/ },
    { what: 'symlink absolute', entry: { name: 'go/l', kind: 'symlink', linkTarget: '/etc/passwd' }, why: /absolute/ },
    { what: 'hardlink absolute', entry: { name: 'go/h', kind: 'hardlink', linkTarget: '/etc/passwd' }, why: /hardlink target .* unsafe: absolute/ },
    { what: 'hardlink outside top', entry: { name: 'go/h', kind: 'hardlink', linkTarget: 'etc/passwd' }, why: /outside the extraction folder/ },
    { what: 'hardlink traversal', entry: { name: 'go/h', kind: 'hardlink', linkTarget: 'go/../../x' }, why: /'\.\.' segment/ },
    { what: 'hardlink to unknown', entry: { name: 'go/h', kind: 'hardlink', linkTarget: 'go/nope' }, why: /not a regular file extracted earlier/ },
    {
      what: 'hardlink to a symlink',
      before: [{ name: 'go/f', kind: 'file' }, { name: 'go/s', kind: 'symlink', linkTarget: 'f' }],
      entry: { name: 'go/h', kind: 'hardlink', linkTarget: 'go/s' },
      why: /not a regular file/,
    },
    {
      what: 'write through symlink',
      before: [{ name: 'go/bin/', kind: 'dir' }, { name: 'go/l', kind: 'symlink', linkTarget: 'bin' }],
      entry: { name: 'go/l/evil', kind: 'file' },
      why: /written through the symlink "go\/l"/,
    },
    {
      what: 'write through symlink, other letter case',
      before: [{ name: 'go/bin/', kind: 'dir' }, { name: 'go/L', kind: 'symlink', linkTarget: 'bin' }],
      entry: { name: 'go/l/evil', kind: 'file' },
      why: /written through the symlink/,
    },
    { what: 'duplicate file', before: [{ name: 'go/a', kind: 'file' }], entry: { name: 'go/a', kind: 'file' }, why: /duplicate entry/ },
    { what: 'file then symlink', before: [{ name: 'go/a', kind: 'file' }], entry: { name: 'go/a', kind: 'symlink', linkTarget: 'b' }, why: /duplicate/ },
    { what: 'folder then symlink', before: [{ name: 'go/d/x', kind: 'file' }], entry: { name: 'go/d', kind: 'symlink', linkTarget: '.' }, why: /duplicate.*folder/ },
    { what: 'below a file', before: [{ name: 'go/a', kind: 'file' }], entry: { name: 'go/a/b', kind: 'file' }, why: /parent "a" is a file/ },
  ];
  for (const c of cases) {
    const p = new EntryPolicy('go');
    for (const b of c.before ?? []) p.check(b);
    assert.throws(
      () => p.check(c.entry),
      (e: unknown) => {
        assert.ok(e instanceof GovmError, c.what);
        assert.equal(e.code, 'E_UNSAFE_ARCHIVE', c.what);
        assert.ok(e.message.includes(JSON.stringify(c.entry.name)), `${c.what}: ${e.message}`);
        assert.match(e.message, c.why, c.what);
        return true;
      },
      c.what,
    );
  }
});

test('EntryPolicy.finish follows links through other links', () => {
  // `l` looks inside lexically (sub/d/.. = sub), but sub/d is the root, so sub/d/.. is its parent.
  const p = new EntryPolicy('go');
  p.check({ name: 'go/sub/d', kind: 'symlink', linkTarget: '..' });
  p.check({ name: 'go/l', kind: 'symlink', linkTarget: 'sub/d/../x' });
  rejects(() => p.finish(), 'go/l', /outside the extraction folder \(through other links\)/);

  const order = new EntryPolicy('go'); // the link it goes through comes later in the archive
  order.check({ name: 'go/l', kind: 'symlink', linkTarget: 'sub/d/../x' });
  order.check({ name: 'go/sub/d', kind: 'symlink', linkTarget: '..' });
  rejects(() => order.finish(), 'go/l', /outside/);

  const loop = new EntryPolicy('go');
  loop.check({ name: 'go/a', kind: 'symlink', linkTarget: 'b' });
  loop.check({ name: 'go/b', kind: 'symlink', linkTarget: 'a' });
  rejects(() => loop.finish(), 'go/a', /loop/);

  const fine = new EntryPolicy('go');
  fine.check({ name: 'go/lib/time/zoneinfo.zip', kind: 'file' });
  fine.check({ name: 'go/zi', kind: 'symlink', linkTarget: 'lib/time' });
  fine.check({ name: 'go/z', kind: 'symlink', linkTarget: 'zi/zoneinfo.zip' });
  assert.deepEqual(
    fine.finish().map((l) => [l.rel, l.resolved, l.resolvedKind]),
    [
      ['zi', 'lib/time', 'dir'],
      ['z', 'lib/time/zoneinfo.zip', 'file'],
    ],
  );
});

test('EntryPolicy honours another top folder name', () => {
  const p = new EntryPolicy('go1.22');
  assert.deepEqual(p.check({ name: 'go1.22/x', kind: 'file' }), { rel: 'x', kind: 'file', mode: 0o644 });
  rejects(() => p.check({ name: 'go/x', kind: 'file' }), 'go/x', /"go1\.22\/"/);
});

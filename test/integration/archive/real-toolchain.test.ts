// Extracts a real Go toolchain archive (packed by scripts/ci/toolchains.sh from
// Debian's Go, official go.dev shape) through the streaming extractor, checks
// the tree against tar(1)'s own listing and runs the extracted `go`; then zips
// that tree with zip(1) and extracts it with the zip extractor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { spawnSync } from 'node:child_process';
import { createTarGzExtractor } from '../../../src/integrations/archive/tar.js';
import { extractZip } from '../../../src/integrations/archive/zip.js';
import { prereq } from '../../helpers/prereq.js';

const mirror = process.env.GOVM_E2E_MIRROR_DIR;

function smallestArchive(): string | undefined {
  if (!mirror || !existsSync(mirror)) return undefined;
  const names = readdirSync(mirror).filter((n) => /^go[\d.]+\.linux-[a-z0-9]+\.tar\.gz$/.test(n));
  names.sort((a, b) => statSync(join(mirror, a)).size - statSync(join(mirror, b)).size);
  return names[0] && join(mirror, names[0]);
}

function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => !statSync(join(dir, p)).isDirectory()).sort();
}

test('a real Go toolchain archive extracts to the same tree tar(1) lists, and its go runs', { timeout: 600_000 }, async (t) => {
  const archive = smallestArchive();
  if (!prereq(t, archive !== undefined, 'GOVM_E2E_MIRROR_DIR with a go*.linux-*.tar.gz (scripts/ci/toolchains.sh)')) return;
  const base = mkdtempSync(join(tmpdir(), 'govm-real-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const dest = join(base, 'goroot');

  const t0 = performance.now();
  const { stream, done } = createTarGzExtractor(dest);
  await pipeline(createReadStream(archive!, { highWaterMark: 1 << 20 }), stream);
  const { files } = await done;
  const ours = performance.now() - t0;

  const listing = spawnSync('tar', ['-tzf', archive!], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(listing.status, 0, listing.stderr);
  const expected = listing.stdout
    .split('\n')
    .filter((l) => l && !l.endsWith('/'))
    .map((l) => l.replace(/^go\//, ''))
    .sort();
  assert.ok(expected.length > 5000, `a real toolchain has thousands of files (${expected.length})`);
  assert.equal(files, expected.length);
  assert.deepEqual(tree(dest), expected);

  const ref = join(base, 'ref');
  const t1 = performance.now();
  assert.equal(spawnSync('sh', ['-c', `mkdir -p "${ref}" && tar -C "${ref}" -xzf "${archive}"`]).status, 0);
  const theirs = performance.now() - t1;
  t.diagnostic(`extract ${archive}: govm ${ours.toFixed(0)} ms, tar -xzf ${theirs.toFixed(0)} ms (${files} files)`);
  const diff = spawnSync('diff', ['-r', '-q', join(ref, 'go'), dest], { encoding: 'utf8' });
  assert.equal(diff.status, 0, `trees differ:\n${diff.stdout}${diff.stderr}`);
  await rm(ref, { recursive: true, force: true });

  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, GOTOOLCHAIN: 'local', GOFLAGS: '' };
  const version = spawnSync(join(dest, 'bin', 'go'), ['version'], { encoding: 'utf8', env });
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /^go version go1\.\d+/);
  const goroot = spawnSync(join(dest, 'bin', 'go'), ['env', 'GOROOT'], { encoding: 'utf8', env });
  assert.equal(goroot.stdout.trim(), dest, 'the extracted GOROOT is relocatable');

  // zip(1) of part of the same tree (Unix modes in the external attributes), under a top folder go/.
  // LANG=C: names such as test/fixedbugs/issue27836.dir/Þfoo.go are stored as raw UTF-8 without the UTF-8 flag.
  const zipOk = spawnSync('zip', ['-v'], { encoding: 'utf8' }).status === 0;
  if (!prereq(t, zipOk, 'zip(1) (scripts/ci/packages.sh)')) return;
  const parts = ['go/VERSION', 'go/bin', 'go/src/fmt', 'go/src/unicode', 'go/test/fixedbugs/issue27836.dir'];
  const zipFile = join(base, 'go.zip');
  const zipped = spawnSync('sh', ['-c', `cd "${base}" && mv goroot go && zip -q -r "${zipFile}" ${parts.join(' ')}; s=$?; mv go goroot; exit $s`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
  });
  assert.equal(zipped.status, 0, zipped.stderr);
  const zdest = join(base, 'from-zip');
  const r = await extractZip(zipFile, zdest);
  const want = expected.filter((p) => parts.some((part) => `go/${p}`.startsWith(part)));
  assert.ok(want.some((p) => p.includes('Þ')), 'the subset holds a non-ASCII name');
  assert.equal(r.files, want.length);
  assert.deepEqual(tree(zdest), want);
  for (const part of parts) {
    const rel = part.slice(3);
    const d = spawnSync('diff', ['-r', '-q', join(dest, rel), join(zdest, rel)], { encoding: 'utf8' });
    assert.equal(d.status, 0, `zip tree differs at ${rel}:\n${d.stdout}${d.stderr}`);
  }
  assert.equal(statSync(join(zdest, 'bin', 'go')).mode & 0o111, statSync(join(dest, 'bin', 'go')).mode & 0o111);
  // gofmt needs no GOROOT (go does, and the subset has no pkg/tool): the binary runs.
  const fmt = spawnSync(join(zdest, 'bin', 'gofmt'), [], { encoding: 'utf8', env, input: 'package x\nvar  y=1\n' });
  assert.equal(fmt.status, 0, fmt.stderr);
  assert.equal(fmt.stdout, 'package x\n\nvar y = 1\n');
});

// Malicious archives served by a mirror whose index has their real checksums:
// the checksum passes, and extraction must still refuse them and install nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runGovm } from '../../helpers/cli.js';
import { goTree, makeTarGz, type SynthEntry } from '../../helpers/archives.js';
import { indexJson, startFaultServer } from '../../helpers/fault-server.js';

const FILE = 'go1.22.5.linux-amd64.tar.gz';

const cases: { name: string; extra: SynthEntry[]; message: RegExp }[] = [
  { name: '`../` entry', extra: [{ name: 'go/../../escaped.txt', body: 'x' }], message: /\.\./ },
  { name: 'absolute path', extra: [{ name: '/tmp/govm-abs-escape.txt', body: 'x' }], message: /absolute|outside/ },
  { name: 'symlink pointing outside the root', extra: [{ name: 'go/evil', type: 'symlink', linkname: '../../../../etc' }], message: /evil/ },
  { name: 'hard link to a file outside', extra: [{ name: 'go/hard', type: 'link', linkname: '/etc/passwd' }], message: /hard/ },
  { name: 'device file', extra: [{ name: 'go/dev', type: 'chardev' }], message: /dev/ },
];

for (const c of cases) {
  test(`install refuses an archive with a ${c.name}`, async () => {
    const body = makeTarGz([...goTree('go1.22.5'), ...c.extra]);
    const server = await startFaultServer({
      '/index.json': { body: indexJson([{ version: '1.22.5', files: [{ filename: FILE, os: 'linux', arch: 'amd64', body }] }]) },
      [`/${FILE}`]: { body },
    });
    const home = await mkdtemp(join(tmpdir(), 'govm-unsafe-'));
    try {
      const env = cleanEnv({ GOVM_HOME: home, GOVM_INDEX_URL: `${server.url}index.json` });
      const r = await runGovm(['install', '1.22.5'], { env, timeoutMs: 30_000 });
      assert.equal(r.code, 6, r.stderr);
      assert.match(r.stderr, /\[E_UNSAFE_ARCHIVE\]/);
      assert.match(r.stderr, c.message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.deepEqual(JSON.parse((await runGovm(['ls', '--json'], { env })).stdout), []);
      assert.equal(await stat(join(home, 'versions', '1.22.5')).then(() => true, () => false), false);
      const tmp = await readdir(join(home, 'tmp')).catch(() => [] as string[]);
      assert.deepEqual(tmp.filter((e) => e.includes('staging')), []);
      assert.equal(await stat(join(home, '..', 'escaped.txt')).then(() => true, () => false), false);
    } finally {
      await server.close();
      await rm(home, { recursive: true, force: true });
    }
  });
}

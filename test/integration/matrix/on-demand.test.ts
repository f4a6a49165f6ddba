// Toolchains a matrix or a --local sandbox needs are installed on demand, from
// a real loopback mirror of official-shaped archives (scripts/ci/toolchains.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prereq } from '../../helpers/prereq.js';
import { cleanEnv, runGovm } from '../../helpers/cli.js';
import { e2eMirrorDir, startMirror } from '../../helpers/e2e-mirror.js';
import { baseImagePresent, dockerReachable, makeProject, USER_FLAGS } from '../sandbox/env.js';

test('matrix and sandbox --local install missing toolchains on demand', { timeout: 20 * 60_000 }, async (t) => {
  const dir = e2eMirrorDir();
  if (!prereq(t, dir !== undefined, 'no e2e toolchain mirror (run `bash scripts/ci/toolchains.sh`)')) return;
  const names = readFileSync(join(dir!, 'index.json'), 'utf8');
  if (!prereq(t, names.includes('go1.22.12') && names.includes('go1.23.5'), 'the e2e mirror lacks go1.22.12 / go1.23.5')) return;
  const mirror = await startMirror(dir!);
  t.after(() => mirror.close());
  const home = mkdtempSync(join(tmpdir(), 'govm-ondemand-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const proj = makeProject(t, 'randv2');
  const env = cleanEnv({ GOVM_HOME: home, GOVM_MIRROR: mirror.url, GOVM_INDEX_URL: mirror.indexUrl });

  const m = await runGovm(['matrix', '--go', '1.22,1.23', '--json', '--', 'go', 'test', './...'], { cwd: proj, env });
  assert.equal(m.code, 0, m.stderr);
  const j = JSON.parse(m.stdout) as { cells: { id: string; status: string }[] };
  assert.deepEqual(j.cells.map((c) => [c.id, c.status]), [['go1.22.12', 'pass'], ['go1.23.5', 'pass']]);
  for (const v of ['1.22.12', '1.23.5']) assert.ok(existsSync(join(home, 'versions', v, 'bin', 'go')), `${v} installed`);
  assert.equal(mirror.hits()['/go1.22.12.linux-amd64.tar.gz'], 1);

  if (!prereq(t, dockerReachable() && baseImagePresent(), 'no reachable Docker engine with debian:bookworm-slim')) return;
  const s = await runGovm(['sandbox', 'run', '--local', '--go', '1.21', ...USER_FLAGS, '--', 'go', 'version'], { cwd: proj, env });
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /^go version go1\.21\.13 linux\//);
  assert.ok(existsSync(join(home, 'versions', '1.21.13', 'bin', 'go')), '1.21.13 installed for the image');
});

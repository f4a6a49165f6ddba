// The same sandbox through Podman's CLI (Debian's podman 4.3, rootful here):
// --local image build with podman, identity, mounts, exit codes, and a matrix cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { prereq } from '../../helpers/prereq.js';
import { runGovm } from '../../helpers/cli.js';
import { govmEnv, makeHome, makeProject, SANDBOX_UID, toolchain, USER_FLAGS } from './env.js';

const E2E_PODMAN = process.env.GOVM_E2E_PODMAN === '1';

function podmanReady(): boolean {
  return spawnSync('podman', ['image', 'exists', 'debian:bookworm-slim'], { stdio: 'ignore', env: process.env }).status === 0
    && spawnSync('podman', ['run', '--rm', 'debian:bookworm-slim', 'true'], { stdio: 'ignore', env: process.env }).status === 0;
}

test('podman: sandbox run --local builds with podman, runs go test as the host user, propagates exit codes', { timeout: 15 * 60_000 }, async (t) => {
  // Podman is optional locally; CI (scripts/ci/docker.sh) sets it up and says so with GOVM_E2E_PODMAN=1.
  if (!E2E_PODMAN && !podmanReady()) {
    t.skip('podman with debian:bookworm-slim is not set up (scripts/ci/docker.sh)');
    return;
  }
  if (!prereq(t, podmanReady(), 'podman cannot run debian:bookworm-slim (CONTAINERS_CONF from scripts/ci/docker.sh?)')) return;
  const tc = toolchain('1.22');
  if (!prereq(t, tc !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const home = makeHome(t, [tc!]);
  const proj = makeProject(t, 'stdslices');
  const env = govmEnv(home, { CONTAINERS_CONF: process.env.CONTAINERS_CONF, GOVM_CONTAINER_ENGINE: 'podman' });
  const r = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'sh', '-c', 'id -u; touch made-in-podman; go test -count=1 ./...'], { cwd: proj, env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${SANDBOX_UID}\\nok\\s+example\\.com/stdslices`));
  assert.equal(statSync(join(proj, 'made-in-podman')).uid, SANDBOX_UID);
  const images = spawnSync('podman', ['image', 'inspect', '--format', '{{index .Labels "io.govm.go-version"}}', 'govm-local/go:1.22.12-debian-bookworm-slim'], { encoding: 'utf8', env: process.env });
  assert.equal(images.stdout.trim(), '1.22.12');
  const code = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'sh', '-c', 'exit 42'], { cwd: proj, env });
  assert.equal(code.code, 42, code.stderr);
  const m = await runGovm(['matrix', '--sandbox', '--local', '--go', '1.22', '--json', ...USER_FLAGS, '--', 'go', 'test', './...'], { cwd: proj, env });
  assert.equal(m.code, 0, m.stderr);
  assert.deepEqual((JSON.parse(m.stdout) as { cells: { id: string; status: string }[] }).cells.map((c) => [c.id, c.status]), [['go1.22.12', 'pass']]);
  const left = spawnSync('podman', ['ps', '-a', '-q', '--filter', 'label=io.govm.sandbox'], { encoding: 'utf8', env: process.env });
  assert.equal(left.stdout.trim(), '', 'no podman container left behind');
});

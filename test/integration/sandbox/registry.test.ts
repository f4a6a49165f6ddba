// Push and registry mirrors against a real loopback registry v2 (Debian's
// docker-registry, started by scripts/ci/docker.sh): `image build --push`
// publishes, then the default (official-image) path pulls `golang:<X.Y.Z>`
// through GOVM_DOCKER_REGISTRY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prereq } from '../../helpers/prereq.js';
import { runGovm } from '../../helpers/cli.js';
import { baseImagePresent, docker, dockerReachable, govmEnv, makeHome, makeProject, toolchain, USER_FLAGS } from './env.js';

const REGISTRY = process.env.GOVM_E2E_REGISTRY ?? '127.0.0.1:5055';

async function registryUp(): Promise<boolean> {
  try {
    return (await fetch(`http://${REGISTRY}/v2/`)).ok;
  } catch {
    return false;
  }
}

test('image build --push to a registry, then sandbox run pulls golang:<X.Y.Z> through GOVM_DOCKER_REGISTRY', { timeout: 15 * 60_000 }, async (t) => {
  if (!prereq(t, dockerReachable() && baseImagePresent(), 'no reachable Docker engine with debian:bookworm-slim')) return;
  if (!prereq(t, await registryUp(), `no registry at ${REGISTRY} (scripts/ci/docker.sh starts one)`)) return;
  const tc = toolchain('1.22');
  if (!prereq(t, tc !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const home = makeHome(t, [tc!]);
  const proj = makeProject(t, 'stdslices');
  const repo = `${REGISTRY}/govm-e2e-${process.pid}`;
  const ref = `${repo}/golang:1.22.12`;
  t.after(() => docker(['rmi', '-f', ref, `${repo}/golang:1.22`]));

  const push = await runGovm(['sandbox', 'image', 'build', '1.22', '--tag', `${repo}/golang:{version}`, '--tag', `${repo}/golang:{minor}`, '--push', '--json'], { env: govmEnv(home) });
  assert.equal(push.code, 0, push.stderr);
  const [pushed] = JSON.parse(push.stdout) as { tags: string[]; pushed: boolean }[];
  assert.deepEqual([pushed!.tags, pushed!.pushed], [[ref, `${repo}/golang:1.22`], true]);
  const tags = (await (await fetch(`http://${repo.replace(REGISTRY, `${REGISTRY}/v2`)}/golang/tags/list`)).json()) as { tags: string[] };
  assert.deepEqual(tags.tags.sort(), ['1.22', '1.22.12']);

  // Gone locally: the official-image path must pull it from the "mirror".
  assert.equal(docker(['rmi', '-f', ref, `${repo}/golang:1.22`]).code, 0);
  assert.notEqual(docker(['image', 'inspect', ref]).code, 0);
  const env = govmEnv(home, { GOVM_OFFLINE: undefined, GOVM_DOCKER_REGISTRY: repo });
  const run = await runGovm(['sandbox', 'run', '--go', '1.22', ...USER_FLAGS, '--', 'go', 'version'], { cwd: proj, env });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`pulling ${ref.replace(/\./g, '\\.')}`));
  assert.match(run.stdout, /^go version go1\.22\.12 linux\//);
  assert.equal(docker(['image', 'inspect', ref]).code, 0, 'pulled');

  // A tag the registry does not have: E_IMAGE_MISSING, with the hint.
  const missing = await runGovm(['sandbox', 'run', '--go', '1.22', '--variant', 'nope', '--', 'go', 'version'], { cwd: proj, env });
  assert.equal(missing.code, 8);
  assert.match(missing.stderr, /golang:1\.22\.12-nope is not available locally and cannot be pulled.*\[E_IMAGE_MISSING\]/);
});

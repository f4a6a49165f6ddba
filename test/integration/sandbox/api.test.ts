// The socket shortcut and the CLI agree about real images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiInspectImage, localDockerSocket } from '../../../src/integrations/engines/api.js';
import { findEngine } from '../../../src/integrations/engines/engine.js';
import { inspectImageCli } from '../../../src/integrations/engines/images.js';
import { prereq } from '../../helpers/prereq.js';
import { BASE_IMAGE, baseImagePresent, dockerReachable } from './env.js';

test('image inspection through the Docker socket matches the CLI (present and missing images)', async (t) => {
  if (!prereq(t, dockerReachable() && baseImagePresent(), 'no reachable Docker engine with debian:bookworm-slim')) return;
  const engine = findEngine({ choice: 'docker', env: process.env, platform: process.platform });
  const socket = localDockerSocket(engine, process.platform);
  if (!prereq(t, socket !== undefined, 'the docker CLI does not use a local unix socket here')) return;
  const viaApi = await apiInspectImage(socket!, BASE_IMAGE);
  const viaCli = await inspectImageCli(engine, BASE_IMAGE);
  assert.ok(viaApi?.found && viaCli);
  assert.deepEqual({ id: viaApi.id, labels: viaApi.labels }, viaCli);
  assert.deepEqual(await apiInspectImage(socket!, 'govm-test/definitely-missing:0'), { found: false });
  assert.equal(await inspectImageCli(engine, 'govm-test/definitely-missing:0'), undefined);
  assert.equal(await apiInspectImage('/nonexistent/docker.sock', BASE_IMAGE), undefined, 'no socket: fall back to the CLI');
});

// The seen-images hint (stores/seen-images.ts) in a real temporary GOVM_HOME,
// and the engine endpoints it is keyed by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointOf, type Engine } from '../../../src/integrations/engines/engine.js';
import { Layout } from '../../../src/stores/home.js';
import { forgetImage, rememberImage, seenImage } from '../../../src/stores/seen-images.js';

function home(t: import('node:test').TestContext): Layout {
  const dir = mkdtempSync(join(tmpdir(), 'govm-seen-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return new Layout(dir);
}

test('remembered per endpoint and image; forgotten one at a time', (t) => {
  const l = home(t);
  const a = 'docker@local';
  const b = 'docker@remote';
  assert.equal(seenImage(l, a, 'img:1'), false, 'nothing seen in a new home');
  rememberImage(l, a, 'img:1');
  rememberImage(l, a, 'img:2');
  rememberImage(l, b, 'img:1');
  assert.equal(seenImage(l, a, 'img:1'), true);
  assert.equal(seenImage(l, b, 'img:1'), true);
  assert.equal(seenImage(l, b, 'img:2'), false, 'another endpoint has its own images');
  forgetImage(l, a, 'img:1');
  assert.equal(seenImage(l, a, 'img:1'), false);
  assert.equal(seenImage(l, a, 'img:2'), true);
  assert.equal(seenImage(l, b, 'img:1'), true);
  forgetImage(l, b, 'img:1');
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(l.seenImages, 'utf8')) as object), [a], 'empty endpoints are dropped');
});

test('a damaged or unwritable file is only a hint lost: nothing throws', (t) => {
  const l = home(t);
  mkdirSync(l.cache, { recursive: true });
  for (const junk of ['', 'not json', '[1,2]', 'null', '{"e": 3}', '{"e": {"img:1": 7}}', '{"e": ["img:1"]}']) {
    writeFileSync(l.seenImages, junk);
    assert.equal(seenImage(l, 'e', 'img:1'), false, junk);
  }
  rememberImage(l, 'e', 'img:1');
  assert.equal(seenImage(l, 'e', 'img:1'), true, 'a damaged file is replaced');
  rmSync(l.seenImages);
  mkdirSync(l.seenImages); // a folder where the file should be: writes fail quietly
  rememberImage(l, 'e', 'img:1');
  assert.equal(seenImage(l, 'e', 'img:1'), false);
  assert.deepEqual(readdirSync(l.cache), ['sandbox-images.json'], 'no temporary file left');
});

test('endpoints: the CLI and the variables that point it elsewhere, and nothing else', () => {
  const e = (kind: Engine['kind'], env: Record<string, string>): Engine => ({ kind, bin: `/usr/bin/${kind}`, env });
  const base = endpointOf(e('docker', {}));
  assert.equal(endpointOf(e('docker', { PATH: '/x', HOME: '/h' })), base, 'unrelated variables do not matter');
  for (const v of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG']) assert.notEqual(endpointOf(e('docker', { [v]: 'x' })), base, v);
  const pod = endpointOf(e('podman', {}));
  for (const v of ['CONTAINER_HOST', 'CONTAINER_CONNECTION', 'CONTAINERS_CONF', 'CONTAINERS_STORAGE_CONF']) assert.notEqual(endpointOf(e('podman', { [v]: 'x' })), pod, v);
  assert.notEqual(endpointOf({ kind: 'docker', bin: '/opt/docker', env: {} }), base, 'another CLI');
});

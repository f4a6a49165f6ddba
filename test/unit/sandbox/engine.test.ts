// Engine detection with real files on a real PATH, and error classification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEngine, firstLine, isNoSuchImage, isUnreachable, unreachableError } from '../../../src/integrations/engines/engine.js';

function binDir(t: import('node:test').TestContext, names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'govm-engine-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const n of names) {
    writeFileSync(join(dir, n), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, n), 0o755);
  }
  return dir;
}

test('auto prefers docker, falls back to podman', (t) => {
  const both = binDir(t, ['docker', 'podman']);
  const onlyPodman = binDir(t, ['podman']);
  assert.equal(findEngine({ choice: 'auto', env: { PATH: both }, platform: 'linux' }).kind, 'docker');
  const p = findEngine({ choice: 'auto', env: { PATH: `/nonexistent:${onlyPodman}` }, platform: 'linux' });
  assert.deepEqual([p.kind, p.bin], ['podman', join(onlyPodman, 'podman')]);
  assert.equal(findEngine({ choice: 'podman', env: { PATH: both }, platform: 'linux' }).kind, 'podman');
});

test('a non-executable file is not an engine', (t) => {
  const dir = binDir(t, []);
  writeFileSync(join(dir, 'docker'), 'not executable');
  assert.throws(() => findEngine({ choice: 'auto', env: { PATH: dir }, platform: 'linux' }), { code: 'E_ENGINE_MISSING' });
});

test('missing engines: E_ENGINE_MISSING with a hint; unknown names: E_USAGE', (t) => {
  const empty = binDir(t, []);
  for (const choice of ['auto', 'docker', 'podman', '/no/such/docker']) {
    assert.throws(() => findEngine({ choice, env: { PATH: empty }, platform: 'linux' }), (e: { code: string; hint?: string }) => e.code === 'E_ENGINE_MISSING' && !!e.hint, choice);
  }
  assert.throws(() => findEngine({ choice: 'lxc', env: { PATH: empty }, platform: 'linux' }), { code: 'E_USAGE' });
});

test('an explicit path picks its kind from the name', (t) => {
  const dir = binDir(t, ['podman-remote', 'docker-20']);
  assert.equal(findEngine({ choice: join(dir, 'podman-remote'), env: {}, platform: 'linux' }).kind, 'podman');
  assert.equal(findEngine({ choice: join(dir, 'docker-20'), env: {}, platform: 'linux' }).kind, 'docker');
});

test('daemon-unreachable and image-missing messages are told apart', () => {
  const unreachable = [
    'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    'error during connect: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version": open //./pipe/docker_engine: The system cannot find the file specified.',
    'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
    'Error: unable to connect to Podman socket: Get "http://d/v4.3.1/libpod/_ping": dial unix /run/user/1000/podman/podman.sock: connect: no such file or directory',
  ];
  const missing = [
    'Error response from daemon: no such image: nosuch:img: No such image: nosuch:img',
    'Error: nosuch:img: image not known',
    'Error response from daemon: manifest for golang:9.9.9 not found: manifest unknown: manifest unknown',
    'Error response from daemon: pull access denied for nosuch, repository does not exist or may require \'docker login\'',
  ];
  for (const s of unreachable) assert.ok(isUnreachable(s) && !isNoSuchImage(s), s);
  for (const s of missing) assert.ok(isNoSuchImage(s) && !isUnreachable(s), s);
  const e = unreachableError({ kind: 'docker', bin: '/usr/bin/docker', env: {} }, `WARNING: x\n${unreachable[0]}`);
  assert.equal(e.code, 'E_ENGINE_UNREACHABLE');
  assert.match(e.message, /daemon is not reachable: Cannot connect/);
  assert.equal(firstLine('\nDEPRECATED: legacy builder\nreal error\n'), 'real error');
});

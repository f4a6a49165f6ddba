// When govm may inspect images through the local Docker socket instead of the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDockerSocket } from '../../../src/integrations/engines/api.js';
import type { Engine } from '../../../src/integrations/engines/engine.js';

test('the socket shortcut is used only where the CLI would use that same local socket', (t) => {
  const cfg = mkdtempSync(join(tmpdir(), 'govm-dockercfg-'));
  t.after(() => rmSync(cfg, { recursive: true, force: true }));
  const ctxCfg = mkdtempSync(join(tmpdir(), 'govm-dockercfg-'));
  t.after(() => rmSync(ctxCfg, { recursive: true, force: true }));
  writeFileSync(join(ctxCfg, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
  const defCfg = mkdtempSync(join(tmpdir(), 'govm-dockercfg-'));
  t.after(() => rmSync(defCfg, { recursive: true, force: true }));
  writeFileSync(join(defCfg, 'config.json'), JSON.stringify({ currentContext: 'default', auths: {} }));
  const e = (kind: 'docker' | 'podman', env: Record<string, string>): Engine => ({ kind, bin: `/usr/bin/${kind}`, env });
  const cases: [string, Engine, NodeJS.Platform, string | undefined][] = [
    ['default', e('docker', { DOCKER_CONFIG: cfg }), 'linux', '/var/run/docker.sock'],
    ['unix DOCKER_HOST', e('docker', { DOCKER_CONFIG: cfg, DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }), 'linux', '/run/user/1000/docker.sock'],
    ['tcp DOCKER_HOST', e('docker', { DOCKER_CONFIG: cfg, DOCKER_HOST: 'tcp://10.0.0.1:2376' }), 'linux', undefined],
    ['ssh DOCKER_HOST', e('docker', { DOCKER_CONFIG: cfg, DOCKER_HOST: 'ssh://me@host' }), 'linux', undefined],
    ['DOCKER_CONTEXT', e('docker', { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'remote' }), 'linux', undefined],
    ['TLS', e('docker', { DOCKER_CONFIG: cfg, DOCKER_TLS_VERIFY: '1' }), 'linux', undefined],
    ['a current context in config.json', e('docker', { DOCKER_CONFIG: ctxCfg }), 'linux', undefined],
    ['the default context in config.json', e('docker', { DOCKER_CONFIG: defCfg }), 'linux', '/var/run/docker.sock'],
    ['podman', e('podman', { DOCKER_CONFIG: cfg }), 'linux', undefined],
    ['windows', e('docker', { DOCKER_CONFIG: cfg }), 'win32', undefined],
  ];
  for (const [name, engine, platform, want] of cases) assert.equal(localDockerSocket(engine, platform), want, name);
});

// A shortcut for the hot path of `govm sandbox run`: image inspection through
// the Docker Engine API on its local unix socket (a few ms) instead of a CLI
// process (tens of ms). Used only when the CLI would talk to that same socket
// (docker, no DOCKER_HOST other than unix://, no context); anything unexpected
// returns `undefined` and the caller falls back to the CLI, which also gives
// the proper error messages.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Engine } from './engine.js';

export type ApiInspect = { found: true; id: string; labels: Record<string, string> } | { found: false };

/** The daemon socket the docker CLI would use, when it is a plain local unix socket. */
export function localDockerSocket(engine: Engine, platform: NodeJS.Platform): string | undefined {
  if (engine.kind !== 'docker' || platform === 'win32') return undefined;
  const env = engine.env;
  if (env.DOCKER_CONTEXT || env.DOCKER_TLS_VERIFY || env.DOCKER_CERT_PATH) return undefined;
  const host = env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) return undefined;
  const configDir = env.DOCKER_CONFIG ?? (env.HOME ? join(env.HOME, '.docker') : undefined);
  if (configDir) {
    try {
      const cfg = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string };
      if (cfg.currentContext && cfg.currentContext !== 'default') return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
  }
  return host ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/** GET /images/{name}/json; undefined when the API could not answer (then use the CLI). */
export function apiInspectImage(socketPath: string, ref: string, timeoutMs = 2000): Promise<ApiInspect | undefined> {
  // Image references need no escaping in the path (the CLI sends them as they are).
  if (!/^[A-Za-z0-9._/:@-]+$/.test(ref)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: `/images/${ref}/json`, method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        if (res.statusCode === 404) return resolve({ found: false });
        if (res.statusCode !== 200) return resolve(undefined);
        try {
          const j = JSON.parse(body) as { Id?: string; Config?: { Labels?: Record<string, string> | null } };
          resolve(typeof j.Id === 'string' ? { found: true, id: j.Id, labels: j.Config?.Labels ?? {} } : undefined);
        } catch {
          resolve(undefined);
        }
      });
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

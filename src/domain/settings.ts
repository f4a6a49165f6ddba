// Settings: environment over config file over defaults. Pure; I/O lives in stores/config.ts.
import { GovmError } from '../errors.js';

export interface Settings {
  mirror: string;
  indexUrl: string | undefined;
  autoInstall: boolean;
  insecure: boolean;
  offline: boolean;
  indexTtl: number;
  httpTimeout: number;
  retries: number;
  jobs: number;
  containerEngine: string;
  sandboxBase: string;
  dockerRegistry: string;
}

type Kind = 'string' | 'bool' | 'int';

/** Every setting, its variable and its default: the README's configuration table mirrors this. */
export const SETTINGS: Record<keyof Settings, { env: string; kind: Kind; default: Settings[keyof Settings]; describe: string }> = {
  mirror: { env: 'GOVM_MIRROR', kind: 'string', default: 'official', describe: 'download mirror: a preset name or a base URL' },
  indexUrl: { env: 'GOVM_INDEX_URL', kind: 'string', default: undefined, describe: 'explicit release index URL (go.dev JSON shape)' },
  autoInstall: { env: 'GOVM_AUTO_INSTALL', kind: 'bool', default: false, describe: 'install a missing version on first use (shims, exec)' },
  insecure: { env: 'GOVM_INSECURE', kind: 'bool', default: false, describe: 'allow plain http:// to non-loopback hosts' },
  offline: { env: 'GOVM_OFFLINE', kind: 'bool', default: false, describe: 'never touch the network; use cached index and archives' },
  indexTtl: { env: 'GOVM_INDEX_TTL', kind: 'int', default: 3600, describe: 'seconds the cached index is used without revalidation' },
  httpTimeout: { env: 'GOVM_HTTP_TIMEOUT', kind: 'int', default: 30, describe: 'seconds without a byte before a request is retried' },
  retries: { env: 'GOVM_RETRIES', kind: 'int', default: 4, describe: 'retries of a transient network failure' },
  jobs: { env: 'GOVM_JOBS', kind: 'int', default: 4, describe: 'parallel downloads' },
  containerEngine: { env: 'GOVM_CONTAINER_ENGINE', kind: 'string', default: 'auto', describe: 'docker, podman or auto' },
  sandboxBase: { env: 'GOVM_SANDBOX_BASE', kind: 'string', default: 'debian:bookworm-slim', describe: 'base image for --local sandboxes' },
  dockerRegistry: { env: 'GOVM_DOCKER_REGISTRY', kind: 'string', default: '', describe: 'registry prefix for golang images (mirror/private)' },
};

export type SettingKey = keyof Settings;

export const isSettingKey = (k: string): k is SettingKey => Object.hasOwn(SETTINGS, k);

export function coerceSetting(key: SettingKey, value: unknown, origin: string): Settings[SettingKey] {
  const { kind } = SETTINGS[key];
  if (value === undefined || value === null || value === '') return SETTINGS[key].default;
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value;
    const s = String(value).toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(s)) return true;
    if (['0', 'false', 'no', 'off'].includes(s)) return false;
  } else if (kind === 'int') {
    // Plain decimal digits only: `0x10`, `1e3`, `+3` or `Infinity` are not whole numbers a
    // user meant to write, and JSON numbers must be safe integers.
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(n) && n >= 0) return n;
  } else if (typeof value === 'string' || typeof value === 'number') {
    return String(value);
  }
  throw new GovmError('E_CONFIG', `invalid value ${JSON.stringify(value)} for ${key} (from ${origin})`, {
    hint: kind === 'bool' ? 'use 1/0, true/false' : kind === 'int' ? 'use a whole number ≥ 0' : undefined,
  });
}

export function resolveSettings(env: Readonly<Record<string, string | undefined>>, file: Readonly<Record<string, unknown>>, fileName = 'config.json'): Settings {
  const out = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const { env: name } = SETTINGS[key];
    const fromEnv = env[name];
    out[key] = fromEnv !== undefined && fromEnv !== ''
      ? coerceSetting(key, fromEnv, name)
      : coerceSetting(key, Object.hasOwn(file, key) ? file[key] : undefined, fileName);
  }
  return out as unknown as Settings;
}

// config.json under GOVM_HOME: read, merged with the environment, and edited.
import { readFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { coerceSetting, isSettingKey, resolveSettings, SETTINGS, type SettingKey, type Settings } from '../domain/settings.js';
import { writeFileAtomicSync } from './atomic-file.js';
import type { Layout } from './home.js';

export async function readConfigFile(layout: Layout): Promise<Record<string, unknown>> {
  let text: string;
  try {
    // Synchronous: one small file, read on hot paths (`govm current`, `govm sandbox run`).
    text = readFileSync(layout.configFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new GovmError('E_CONFIG', `${layout.configFile} is not a JSON object`, { hint: 'fix or delete the file' });
}

export async function loadSettings(ctx: Context): Promise<Settings> {
  return resolveSettings(ctx.env, await readConfigFile(ctx.layout), ctx.layout.configFile);
}

export function checkKey(key: string): SettingKey {
  if (!isSettingKey(key)) {
    throw new GovmError('E_CONFIG', `unknown setting '${key}'`, { hint: `known: ${Object.keys(SETTINGS).join(', ')}` });
  }
  return key;
}

/** Sets (value given) or removes (undefined) one key, atomically. */
export async function updateConfigFile(layout: Layout, key: SettingKey, value: string | undefined): Promise<void> {
  const current = await readConfigFile(layout);
  if (value === undefined) delete current[key];
  else current[key] = coerceSetting(key, value, 'the command line');
  writeFileAtomicSync(layout.configFile, `${JSON.stringify(current, null, 2)}\n`);
}

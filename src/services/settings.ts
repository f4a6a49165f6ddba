// `govm config`: show where each setting comes from, and change stored ones.
import type { Context } from '../context.js';
import { SETTINGS, type SettingKey } from '../domain/settings.js';
import { syncShims } from '../integrations/shims/sync.js';
import { checkKey, loadSettings, readConfigFile, updateConfigFile } from '../stores/config.js';

export interface SettingRow {
  key: SettingKey;
  value: unknown;
  origin: 'env' | 'config' | 'default';
  env: string;
}

export async function describeSettings(ctx: Context): Promise<SettingRow[]> {
  const [settings, file] = await Promise.all([loadSettings(ctx), readConfigFile(ctx.layout)]);
  return (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const env = SETTINGS[key].env;
    const origin = ctx.env[env] ? 'env' : file[key] !== undefined ? 'config' : 'default';
    return { key, value: settings[key], origin, env };
  });
}

export async function setSetting(ctx: Context, key: string, value: string | undefined): Promise<void> {
  await updateConfigFile(ctx.layout, checkKey(key), value);
  // Shims bake settings they need (they cannot parse JSON): regenerate them.
  await syncShims(ctx.layout, ctx.platform);
}

// The `govm` command (dist/govm.cjs, CommonJS: the cheapest thing Node starts).
// `--version` is answered here; `govm current [--json]` and a plain
// `govm sandbox run … -- CMD` by dist/fast.cjs (src/fast.ts), run from V8's
// code cache; everything else by the ESM bundle with commander.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pkg from '../package.json' with { type: 'json' };
import type { FastPath } from './fast.js';

/** The content hash of dist/fast.cjs (scripts/build.mjs): names its code cache. */
declare const __GOVM_FAST_BUILD__: string;

const args = process.argv.slice(2);

/** The full CLI. Kept external by scripts/build.mjs: resolves to dist/govm.mjs. */
function full(): void {
  void import('./cli.js').then((m) => m.main(args));
}

async function fast(path: FastPath): Promise<void> {
  const [{ importerFor, loadCached }, { Layout, resolveHome }] = await Promise.all([import('./stores/code-cache.js'), import('./stores/home.js')]);
  const home = new Layout(resolveHome({ env: process.env, platform: process.platform, homedir: homedir() }));
  // Never creates GOVM_HOME: `govm current` in a fresh account writes nothing.
  const dir = existsSync(home.root) ? home.codeCache : undefined;
  const key = { build: __GOVM_FAST_BUILD__, path };
  const mod = loadCached<typeof import('./fast.js')>(join(__dirname, 'fast.cjs'), dir, key, require, importerFor(__dirname));
  if (process.env.GOVM_DEBUG) process.stderr.write(`govm: code cache: ${mod.status}\n`);
  if (!(await mod.exports.runFast(path, args))) return full();
  mod.save();
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${pkg.version}\n`);
} else if (args[0] === 'current' && args.slice(1).every((a) => a === '--json')) {
  void fast('current');
} else if (args[0] === 'sandbox' && args[1] === 'run') {
  void fast('sandbox-run');
} else {
  full();
}

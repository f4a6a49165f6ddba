// V8's code cache for the launcher's fast paths (`govm current`, a plain
// `govm sandbox run`): dist/fast.cjs compiled once, then loaded as bytecode.
//
// Compiling fast.cjs and the functions a fast path calls costs ~3 ms of a
// ~35 ms `govm current`; deserialising them costs a fraction of that. Node ≥ 22
// has module.enableCompileCache(), Node 20 only vm.Script's cachedData, so
// govm keeps the data itself, under $GOVM_HOME/cache/v8/:
//   <build>-<node version>-<arch>-<path>.bin
// `build` is the content hash of fast.cjs (V8 checks its own version and
// flags, but of the source only its length); `path` names the fast path, as
// each file holds the functions its path ran. A file is written once, when
// there was none or V8 rejected it (tmp + rename), and only into an existing
// GOVM_HOME. Any failure to read or write it costs the compile, nothing else.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { writeFileAtomicSync } from './atomic-file.js';

/** What the cached module may not do itself: `import()` inside a vm.Script needs a Node flag. */
export type Importer = (specifier: string) => Promise<unknown>;

/** An importer for a module in `dir`: `./x.mjs` from there, anything else (`node:…`) as it is. */
export const importerFor = (dir: string): Importer => (s) => import(s.startsWith('.') ? pathToFileURL(join(dir, s)).href : s);

export type CacheStatus = 'none' | 'accepted' | 'rejected' | 'off';

export interface CachedModule<T> {
  readonly exports: T;
  readonly status: CacheStatus;
  /** Writes the cache if it was missing or rejected; call after the module did its work. */
  save(): void;
}

export interface CacheKey {
  /** The content hash of the module's source (set at build time). */
  readonly build: string;
  /** Which fast path: its file holds the functions that path compiled. */
  readonly path: string;
}

export function codeCacheFile(dir: string, key: CacheKey, nodeVersion: string, arch: string): string {
  return join(dir, `${key.build}-${nodeVersion}-${arch}-${key.path}.bin`);
}

/**
 * Runs the CommonJS file `file` (its own require is `require`; `importer`
 * stands in for its `import()`), with its bytecode from `dir` when there.
 * `dir` undefined: no cache.
 */
export function loadCached<T>(file: string, dir: string | undefined, key: CacheKey, require: NodeJS.Require, importer: Importer): CachedModule<T> {
  const cacheFile = dir === undefined ? undefined : codeCacheFile(dir, key, process.version, process.arch);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // none yet
    }
  }
  let source = readFileSync(file, 'utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __govmImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const status: CacheStatus = !cacheFile ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as T };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, require, module, file, dirname(file), importer);
  return {
    exports: module.exports,
    status,
    save() {
      if (!cacheFile || status === 'accepted') return;
      try {
        write(cacheFile, script.createCachedData(), key.build);
      } catch {
        // a read-only or full home: the next run compiles again
      }
    },
  };
}

function write(cacheFile: string, data: Buffer, build: string): void {
  writeFileAtomicSync(cacheFile, data);
  const dir = dirname(cacheFile);
  // Files of other builds are dead weight after an upgrade (another install sharing this home rewrites its own).
  for (const name of readdirSync(dir)) if (!name.startsWith(`${build}-`)) rmSync(join(dir, name), { force: true });
}

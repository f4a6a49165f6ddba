// Bundles the CLI into dist/ with esbuild.
//   dist/govm.cjs   the `govm` command: a small CommonJS launcher that answers
//                   `--version` itself (src/bin.ts), and `govm current` and a
//                   plain `govm sandbox run` with dist/fast.cjs (src/fast.ts)
//   dist/govm.mjs   everything else (src/cli.ts), split into chunks; heavy
//                   modules are dynamic imports that `govm current` never loads
//   dist/lazy/*.mjs stable names for the modules the launcher may import lazily
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmod, rm, writeFile } from 'node:fs/promises';

const dist = new URL('../dist/', import.meta.url);
await rm(dist, { recursive: true, force: true });

// Modules the launcher reaches only through dynamic import(): it loads the ESM
// bundle's copy instead of carrying its own.
const LAZY = {
  './cli.js': './govm.mjs',
  '../stores/config.js': './lazy/config.mjs',
  '../sources/release-index.js': './lazy/release-index.mjs',
  '../installer.js': './lazy/installer.mjs',
};

await build({
  entryPoints: {
    govm: 'src/cli.ts',
    'lazy/config': 'src/stores/config.ts',
    'lazy/release-index': 'src/sources/release-index.ts',
    'lazy/installer': 'src/services/installer.ts',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __govmCreateRequire } from 'node:module'; const require = __govmCreateRequire(import.meta.url);" },
});

// The launcher's modules: imports of the LAZY modules stay imports of the ESM
// bundle's copies; anything heavy reaching them statically is a mistake.
const launcherPlugin = {
  name: 'lazy-from-esm-bundle',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (a) => {
      if (a.kind !== 'dynamic-import' || !LAZY[a.path]) return undefined;
      return { path: LAZY[a.path], external: true };
    });
    b.onResolve({ filter: /^(commander|undici|tar|yauzl|cli-progress|proper-lockfile)$/ }, (a) => ({
      errors: [{ text: `${a.path} must not be bundled into the launcher (imported by ${a.importer})` }],
    }));
  },
};
const cjs = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', minifySyntax: true, legalComments: 'none', logLevel: 'warning', plugins: [launcherPlugin] };

// dist/fast.cjs: run by the launcher inside a vm.Script (for V8's code cache),
// where import() needs a Node flag; each import() of an external module becomes
// a call of the importer the launcher passes in (src/stores/code-cache.ts).
const fast = await build({ ...cjs, entryPoints: ['src/fast.ts'], write: false, outfile: 'dist/fast.cjs' });
const fastText = fast.outputFiles[0].text.replace(/\bimport\((?=["'`])/g, '__govmImport(');
if (/\bimport\(/.test(fastText)) throw new Error('dist/fast.cjs: an import() the launcher cannot serve (only string literals are rewritten)');
await writeFile(new URL('fast.cjs', dist), fastText);
const fastBuild = createHash('sha256').update(fastText).digest('hex').slice(0, 16);

await build({
  ...cjs,
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/govm.cjs',
  banner: { js: '#!/usr/bin/env node' },
  define: { __GOVM_FAST_BUILD__: JSON.stringify(fastBuild) },
});
await chmod(new URL('govm.cjs', dist), 0o755);

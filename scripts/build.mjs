// Bundles the CLI into dist/ with esbuild.
//   dist/govm.cjs   the `govm` command: a small CommonJS launcher that answers
//                   `--version` and `govm current` itself (src/bin.ts)
//   dist/govm.mjs   everything else (src/cli.ts), split into chunks; heavy
//                   modules are dynamic imports that `govm current` never loads
//   dist/lazy/*.mjs stable names for the modules the launcher may import lazily
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';

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

await build({
  entryPoints: ['src/bin.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/govm.cjs',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [
    {
      name: 'lazy-from-esm-bundle',
      setup(b) {
        b.onResolve({ filter: /\.js$/ }, (a) => {
          if (a.kind !== 'dynamic-import' || !LAZY[a.path]) return undefined;
          return { path: LAZY[a.path], external: true };
        });
        // Anything heavy reaching the launcher statically is a mistake.
        b.onResolve({ filter: /^(commander|undici|tar|yauzl|cli-progress|proper-lockfile)$/ }, (a) => ({
          errors: [{ text: `${a.path} must not be bundled into the launcher (imported by ${a.importer})` }],
        }));
      },
    },
  ],
});
await chmod(new URL('govm.cjs', dist), 0o755);

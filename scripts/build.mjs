// Bundles the CLI into dist/ with esbuild. Heavy modules are dynamic imports,
// so they land in separate chunks that `govm --version` never loads.
import { build } from 'esbuild';
import { rm, chmod } from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { govm: 'src/cli.ts' },
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
await chmod(new URL('../dist/govm.mjs', import.meta.url), 0o755);

import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  const cache = program.command('cache').description('the download, index and code caches');
  cache
    .command('ls')
    .description('list cached archives, partial downloads and indexes')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { listCache } = await import('../services/cache.js');
      const rows = await listCache(ctx);
      if (opts.json) return ctx.out.json(rows);
      for (const r of rows) ctx.out.print(`${r.kind.padEnd(8)} ${(r.bytes / 1048576).toFixed(1).padStart(8)} MB  ${r.file}`);
    });
  cache
    .command('clean')
    .description('delete cached files (all, or only --downloads / --index)')
    .option('--downloads', 'only archives and partial downloads')
    .option('--index', 'only the cached release index')
    .option('--json', 'print what was deleted as JSON')
    .action(async (opts: { downloads?: boolean; index?: boolean; json?: boolean }) => {
      const { cleanCache } = await import('../services/cache.js');
      const removed = await cleanCache(ctx, opts);
      if (opts.json) return ctx.out.json(removed);
      const bytes = removed.reduce((n, r) => n + r.bytes, 0);
      ctx.out.print(`removed ${removed.length} file(s), ${(bytes / 1048576).toFixed(1)} MB`);
    });
}

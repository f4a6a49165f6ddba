import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('ls')
    .alias('list')
    .description('list installed Go versions')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { listVersions } = await import('../services/listing.js');
      const rows = await listVersions(ctx);
      if (opts.json) return ctx.out.json(rows);
      if (rows.length === 0) ctx.out.info("no Go versions installed; try 'govm install latest'");
      for (const r of rows) ctx.out.print(`${r.global ? '*' : ' '} ${r.version.padEnd(12)} ${r.path}`);
    });
}

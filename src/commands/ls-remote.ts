import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('ls-remote')
    .description('list available Go releases (installed ones marked)')
    .argument('[spec]', 'filter: 1.22, latest, oldstable, 1.24rc1…')
    .option('-a, --all', 'include pre-releases (rc, beta)')
    .option('--refresh', 'revalidate the cached index now')
    .option('--json', 'print as JSON')
    .action(async (spec: string | undefined, opts: { all?: boolean; refresh?: boolean; json?: boolean }) => {
      const { listRemote } = await import('../services/listing.js');
      const rows = await listRemote(ctx, spec, opts);
      if (opts.json) return ctx.out.json(rows);
      for (const r of rows) ctx.out.print(`${r.installed ? '*' : ' '} ${r.version}${r.stable ? '' : ctx.out.dim('  (pre-release)')}`);
    });
}

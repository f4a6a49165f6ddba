import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('uninstall')
    .alias('rm')
    .description('remove installed Go versions')
    .argument('<versions...>', 'installed versions (exact, or a line with one installed release)')
    .option('--json', 'print what was removed as JSON')
    .action(async (specs: string[], opts: { json?: boolean }) => {
      const { uninstall } = await import('../services/uninstall.js');
      const removed = await uninstall(ctx, specs);
      if (opts.json) return ctx.out.json(removed);
      for (const r of removed) {
        ctx.out.print(`removed ${r.version} (${r.path})`);
        if (r.wasGlobal) ctx.out.warn(`the global default still names ${r.version}; set another with 'govm global <version>'`);
      }
    });
}

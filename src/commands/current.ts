import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('current')
    .description('the Go that runs here, and why (GOVM_GO_VERSION, a version file, the global default, the system Go)')
    .option('--json', 'print as JSON: version, source, file, line, request, kind, installed, root, install')
    .action((opts: { json?: boolean }) => runCurrent(ctx, opts));
}

/** Also called by the launcher's fast path (src/fast.ts), which skips commander for this hot command. */
export async function runCurrent(ctx: Context, opts: { json?: boolean }): Promise<void> {
  const { current } = await import('../services/current.js');
  const { report, text } = await current(ctx);
  if (opts.json) ctx.out.json(report);
  else ctx.out.print(text);
  if (report.source === 'none') process.exitCode = 3;
}

import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('doctor')
    .description('check the set-up: PATH, shims, GOROOT, GOTOOLCHAIN, go.mod, permissions (exit 10 when a check fails)')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { doctor } = await import('../services/doctor.js');
      await doctor(ctx, opts);
    });
}

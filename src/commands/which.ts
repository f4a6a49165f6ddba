import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('which')
    .argument('<program>', 'go, gofmt, or any program in a version\'s bin/')
    .description('print the real binary a shim would run here')
    .action(async (name: string) => {
      const { which } = await import('../services/switching.js');
      ctx.out.print(await which(ctx, name));
    });
}

import { Argument, type Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('completion')
    .description('print a completion script (bash, zsh, fish, pwsh)')
    .addArgument(new Argument('<shell>', 'bash, zsh, fish or pwsh').choices(['bash', 'zsh', 'fish', 'pwsh']))
    .action(async (shell: string) => {
      const { completionFor } = await import('../services/completion.js');
      ctx.out.stdout.write(completionFor(ctx, program, shell));
    });
}

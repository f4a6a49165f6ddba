import { Argument, type Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('init')
    .description('print the shell integration (eval "$(govm init bash)", govm init fish | source, …)')
    .addArgument(new Argument('<shell>', 'bash, zsh, fish, pwsh or cmd').choices(['bash', 'zsh', 'fish', 'pwsh', 'cmd']))
    .option('--use-on-cd', 'also put the resolved GOROOT/bin first on PATH, updated on cd/prompt (computed by the shell itself)')
    .action(async (shell: string, opts: { useOnCd?: boolean }) => {
      const { initScript } = await import('../services/shell-init.js');
      ctx.out.stdout.write(initScript(ctx, shell, opts));
    });
}

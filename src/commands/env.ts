import { Option, type Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('env')
    .description('print GOROOT, PATH and GOTOOLCHAIN=local for scripts and CI (github: append to GITHUB_ENV/GITHUB_PATH)')
    .argument('[spec]', 'version (default: the one resolved here)')
    .addOption(new Option('--shell <shell>', 'bash, zsh, sh, fish, pwsh, cmd or github (default: your shell)').choices(['bash', 'zsh', 'sh', 'fish', 'pwsh', 'cmd', 'github']))
    .option('--json', 'print as JSON')
    .action(async (spec: string | undefined, opts: { shell?: string; json?: boolean }) => {
      const { envOutput } = await import('../services/env.js');
      ctx.out.stdout.write(await envOutput(ctx, spec, opts));
    });
}

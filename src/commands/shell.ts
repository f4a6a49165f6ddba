import { Option, type Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('shell')
    .description('use a Go version in this shell only (sets GOVM_GO_VERSION; needs the shell integration)')
    .argument('[spec]', 'version: 1.22, 1.22.3, go1.22.3, latest')
    .option('--unset', 'stop using a shell-specific version')
    .addOption(new Option('--shell <shell>', 'syntax of the printed line when the integration is not loaded').choices(['bash', 'zsh', 'sh', 'fish', 'pwsh', 'cmd']))
    .option('--porcelain', 'machine answer for the shell function: `set <version>` or `unset`')
    .action(async (spec: string | undefined, opts: { unset?: boolean; porcelain?: boolean; shell?: string }) => {
      const { shellVersion } = await import('../services/shell-init.js');
      ctx.out.stdout.write(await shellVersion(ctx, spec, opts));
    });
}

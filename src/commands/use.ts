import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('use')
    .alias('local')
    .argument('[version]', 'a spec: 1.22, 1.22.3, go1.22.3, latest')
    .description('pin this folder: write .go-version here (alias: local)')
    .option('--unset', 'remove .go-version from this folder')
    .action(async (version: string | undefined, opts: { unset?: boolean }) => {
      const { setLocal } = await import('../services/switching.js');
      if (!opts.unset && version === undefined) {
        const { GovmError } = await import('../errors.js');
        throw new GovmError('E_USAGE', 'govm use needs a version', { hint: 'govm use 1.22 (or --unset); govm current shows what runs here' });
      }
      const file = await setLocal(ctx, opts.unset ? undefined : version);
      ctx.out.info(opts.unset ? `removed ${file}` : `wrote ${file}`);
    });
}

import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('global')
    .argument('[version]', 'a spec: 1.22, 1.22.3, go1.22.3, latest')
    .description('set the default Go everywhere ($GOVM_HOME/version); with no version, print it')
    .option('--unset', 'remove the global default')
    .action(async (version: string | undefined, opts: { unset?: boolean }) => {
      const { readGlobal, setGlobal } = await import('../services/switching.js');
      if (opts.unset) {
        await setGlobal(ctx, undefined);
        return;
      }
      if (version === undefined) {
        const spec = await readGlobal(ctx);
        if (spec === undefined) {
          const { GovmError } = await import('../errors.js');
          throw new GovmError('E_NO_VERSION', 'no global Go version is set', { hint: 'run: govm global <version>' });
        }
        ctx.out.print(spec);
        return;
      }
      const spec = await setGlobal(ctx, version);
      ctx.out.info(`global Go version: ${spec} (${ctx.layout.globalFile})`);
    });
}

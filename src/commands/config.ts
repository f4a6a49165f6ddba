import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  const config = program.command('config').description('settings in $GOVM_HOME/config.json (environment variables win)');
  config
    .command('ls')
    .description('every setting, its value and where it comes from')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { describeSettings } = await import('../services/settings.js');
      const rows = await describeSettings(ctx);
      if (opts.json) return ctx.out.json(rows);
      for (const r of rows) ctx.out.print(`${r.key.padEnd(16)} ${JSON.stringify(r.value).padEnd(28)} ${ctx.out.dim(`${r.origin}  (${r.env})`)}`);
    });
  config
    .command('get')
    .argument('<key>')
    .description('print one setting')
    .action(async (key: string) => {
      const { describeSettings } = await import('../services/settings.js');
      const { checkKey } = await import('../stores/config.js');
      const row = (await describeSettings(ctx)).find((r) => r.key === checkKey(key));
      ctx.out.print(row?.value === undefined ? '' : String(row.value));
    });
  config
    .command('set')
    .argument('<key>')
    .argument('<value>')
    .description('store a setting')
    .action(async (key: string, value: string) => {
      const { setSetting } = await import('../services/settings.js');
      await setSetting(ctx, key, value);
    });
  config
    .command('unset')
    .argument('<key>')
    .description('remove a stored setting (back to the default)')
    .action(async (key: string) => {
      const { setSetting } = await import('../services/settings.js');
      await setSetting(ctx, key, undefined);
    });
}

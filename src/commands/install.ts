import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('install')
    .alias('i')
    .description('install Go versions (several at once, in parallel)')
    .argument('<specs...>', 'versions: 1.22, 1.22.3, go1.22.3, 1.24rc1, latest, oldstable')
    .option('-a, --all', 'let specs match pre-releases (rc, beta)')
    .option('--os <goos>', 'target OS (a foreign platform is downloaded to the cache only)')
    .option('--arch <goarch>', 'target architecture (amd64, arm64, armv6l, 386, …)')
    .option('-f, --force', 'reinstall even if present')
    .option('--json', 'print results as JSON')
    .action(async (specs: string[], opts: { all?: boolean; os?: string; arch?: string; force?: boolean; json?: boolean }) => {
      const { installSpecs } = await import('../services/installer.js');
      const results = await installSpecs(ctx, specs, opts);
      if (opts.json) return ctx.out.json(results);
      for (const r of results) {
        const how = r.status === 'present' ? 'already installed' : r.status === 'downloaded' ? 'downloaded (not this platform)' : `installed${r.source === 'cache' ? ' from cache' : ''} in ${r.seconds.toFixed(1)}s`;
        ctx.out.print(`${r.version}\t${how}\t${r.path}`);
      }
    });
}

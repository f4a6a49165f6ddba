// The `govm` command (dist/govm.cjs, CommonJS: the cheapest thing Node starts).
// `--version`, `govm current` (what prompts and scripts call) and a plain
// `govm sandbox run [options] -- CMD…` (whose overhead over `docker run` is a
// target) are answered from this one file; everything else loads the ESM
// bundle with commander.
import pkg from '../package.json' with { type: 'json' };
import type { Context } from './context.js';

const args = process.argv.slice(2);

/** The full CLI. Kept external by scripts/build.mjs: resolves to dist/govm.mjs. */
function full(): void {
  void import('./cli.js').then((m) => m.main(args));
}

/**
 * Runs a command without commander. Bundled, but imported lazily: `--version`
 * initialises none of it. Output goes through descriptor writers, unless
 * `terminals` asks for a terminal to get Node's real stream (progress bars).
 */
async function fast(command: (ctx: Context) => Promise<void>, terminals = false): Promise<void> {
  const { renderFailure } = await import('./errors.js');
  try {
    const [{ processContext }, { launcherIO }] = await Promise.all([import('./context.js'), import('./integrations/terminal/fd-writer.js')]);
    const isatty = terminals ? (await import('node:tty')).isatty : () => false;
    await command(processContext(launcherIO(isatty)));
  } catch (e) {
    process.exitCode = renderFailure(e, process.stderr, process.env);
  }
}

async function sandboxRun(): Promise<void> {
  const { parsePlainSandboxRun, terminalIO } = await import('./commands/sandbox-flags.js');
  const parsed = parsePlainSandboxRun(args.slice(2));
  if (!parsed) return full();
  await fast(async (ctx) => {
    const { sandboxRun } = await import('./services/sandbox/run.js');
    process.exitCode = await sandboxRun(ctx, parsed.opts, parsed.command, terminalIO());
  }, true);
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${pkg.version}\n`);
} else if (args[0] === 'current' && args.slice(1).every((a) => a === '--json')) {
  void fast(async (ctx) => {
    const { runCurrent } = await import('./commands/current.js');
    await runCurrent(ctx, { json: args.length > 1 });
  });
} else if (args[0] === 'sandbox' && args[1] === 'run') {
  void sandboxRun();
} else {
  full();
}

// The commands the launcher answers without commander or the ESM bundle:
// `govm current [--json]` (what prompts and scripts call) and a plain
// `govm sandbox run [options] -- CMD…` (whose overhead over `docker run` is a
// target). Bundled as dist/fast.cjs, which bin.ts runs from V8's code cache
// (stores/code-cache.ts). It must not use import() itself (a vm.Script cannot
// without a Node flag): scripts/build.mjs turns every import() of an external
// module into a call of the importer bin.ts passes in.
import type { Context } from './context.js';

export type FastPath = 'current' | 'sandbox-run';

/**
 * Runs a command with descriptor writers for output (no stdio streams built),
 * or Node's real streams on a terminal when `isatty` says so (progress bars).
 * Expected failures are rendered here, as the full CLI renders them.
 */
async function withContext(command: (ctx: Context) => Promise<void>, isatty: (fd: number) => boolean = () => false): Promise<void> {
  const { renderFailure } = await import('./errors.js');
  try {
    const [{ processContext }, { launcherIO }] = await Promise.all([import('./context.js'), import('./integrations/terminal/fd-writer.js')]);
    await command(processContext(launcherIO(isatty)));
  } catch (e) {
    process.exitCode = renderFailure(e, process.stderr, process.env);
  }
}

/** Answers `govm <args>` along `path`; false when the line is not one this path takes (the full CLI must). */
export async function runFast(path: FastPath, args: readonly string[]): Promise<boolean> {
  if (path === 'current') {
    await withContext(async (ctx) => {
      const { runCurrent } = await import('./commands/current.js');
      await runCurrent(ctx, { json: args.includes('--json') });
    });
    return true;
  }
  const { parsePlainSandboxRun, terminalIO, isTerminal } = await import('./commands/sandbox-flags.js');
  const parsed = parsePlainSandboxRun(args.slice(2));
  if (!parsed) return false;
  await withContext(async (ctx) => {
    const { sandboxRun } = await import('./services/sandbox/run.js');
    process.exitCode = await sandboxRun(ctx, parsed.opts, parsed.command, terminalIO());
  }, isTerminal);
  return true;
}

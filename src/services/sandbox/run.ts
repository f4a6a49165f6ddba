// `govm sandbox run -- CMD…` and `govm sandbox shell [VERSION]`: one container,
// the project mounted, the command's exit code returned exactly.
import type { Context } from '../../context.js';
import { GovmError } from '../../errors.js';
import { Supervisor } from '../../integrations/engines/container.js';
import { sandboxEnv } from '../../integrations/engines/run-args.js';
import { loadSettings } from '../../stores/config.js';
import { workingDir } from '../resolve.js';
import { cacheDirs, chooseVersion, engineFor, findProject, identity, imageFor, limitsOf, localBase, planContainer, prefetchImage, type SandboxOptions } from './prepare.js';

export interface RunIO {
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
}

/** Runs `command` in a sandbox; resolves to the exit code govm should exit with. */
export async function sandboxRun(ctx: Context, opts: SandboxOptions, command: readonly string[], io: RunIO, purpose = 'run'): Promise<number> {
  if (command.length === 0) throw new GovmError('E_USAGE', 'no command to run', { hint: 'govm sandbox run -- go test ./...' });
  // Malformed flags fail before anything slow.
  limitsOf(opts);
  sandboxEnv(ctx.env, opts.env ?? []);
  const user = identity(opts);
  const settings = await loadSettings(ctx);
  const engine = engineFor(ctx, settings, opts);
  const local = opts.local ?? false;
  // The engine answers about images while govm resolves and prepares.
  const base = local ? prefetchImage(engine, localBase(settings, opts)) : undefined;
  const project = findProject(workingDir(ctx));
  const version = await chooseVersion(ctx, opts.go, local);
  const pending = imageFor(ctx, engine, settings, opts, version, base);
  pending.catch(() => undefined); // awaited below
  const caches = cacheDirs(ctx, ctx.layout.buildCache(version.name), user);
  const image = await pending;
  const plan = planContainer({
    ctx, engine, image: image.ref, version: version.name, purpose, project, user, caches, opts,
    // Foreground (and -t) only with a terminal: piped input still reaches the command through -i.
    interactive: true,
    tty: io.stdinIsTTY && io.stdoutIsTTY,
    command,
  });
  if (ctx.env.GOVM_DEBUG) ctx.out.info(`${engine.bin} ${plan.args.join(' ')}`);
  const sup = new Supervisor(engine);
  try {
    const { exit } = sup.spawn(engine.bin, plan.args, { container: plan.name, tty: io.stdinIsTTY, stdio: 'inherit' });
    return (await exit).code;
  } finally {
    await sup.close();
  }
}

export async function sandboxShell(ctx: Context, opts: SandboxOptions, io: RunIO): Promise<number> {
  // bash when the image has it (alpine has only sh). A fixed string, never file contents.
  const shell = ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];
  return sandboxRun(ctx, opts, shell, io, 'shell');
}

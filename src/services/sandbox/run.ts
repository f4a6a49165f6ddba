// `govm sandbox run -- CMD…` and `govm sandbox shell [VERSION]`: one container,
// the project mounted, the command's exit code returned exactly.
//
// Start-up is on the clock (bench/sandbox.mjs holds it to 1.15× a plain
// `docker run`), and asking the engine about images costs more than anything
// else govm does before the engine starts. So an image this engine ran before
// (stores/seen-images.ts) is not asked about first: the container starts at
// once with `--pull never`, and the same check that would have come first runs
// alongside, finishing long before the engine has created and started the
// container. Should the check fail (the image was removed, or its base moved),
// the container is killed and removed, and the run starts over the slow way:
// check, build or pull, then run.
//
// Without a terminal, on a local Docker socket, the container is run through
// the Engine API (integrations/engines/api-run.ts) rather than by the docker
// CLI, whose own start costs 15–25 ms of a ~350 ms `go version`.
import type { Context } from '../../context.js';
import { GovmError } from '../../errors.js';
import { signalCode, Supervisor } from '../../integrations/engines/container.js';
import { launch, type LaunchExit } from '../../integrations/engines/launch.js';
import { endpointOf, type Engine } from '../../integrations/engines/engine.js';
import { sandboxEnv } from '../../integrations/engines/run-args.js';
import { loadSettings } from '../../stores/config.js';
import { forgetImage, rememberImage, seenImage } from '../../stores/seen-images.js';
import { workingDir } from '../resolve.js';
import {
  cacheDirs, chooseVersion, engineFor, expectedImage, findProject, identity, imageFor, imageVerdict, limitsOf, planContainer,
  type ContainerPlan, type SandboxOptions,
} from './prepare.js';

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
  const project = findProject(workingDir(ctx));
  const version = await chooseVersion(ctx, opts.go, opts.local ?? false);
  const caches = cacheDirs(ctx, ctx.layout.buildCache(version.name), user);
  const plan = (image: string, pullNever: boolean): ContainerPlan =>
    planContainer({
      ctx, engine, image, version: version.name, purpose, project, user, caches, opts, pullNever,
      // Foreground (and -t) only with a terminal: piped input still reaches the command through -i.
      interactive: true,
      tty: io.stdinIsTTY && io.stdoutIsTTY,
      command,
    });
  const endpoint = endpointOf(engine);
  const seen = expectedImage(settings, opts, version);
  // Only without a terminal: a check that fails kills the engine's CLI, which could not give a terminal back.
  if (!io.stdinIsTTY && seenImage(ctx.layout, endpoint, seen)) {
    const r = await runChecked(ctx, engine, plan(seen, true), () => imageVerdict(engine, settings, opts, version));
    if (r.stale) forgetImage(ctx.layout, endpoint, seen);
    if (r.code !== undefined) return r.code;
  }
  const image = await imageFor(ctx, engine, settings, opts, version);
  rememberImage(ctx.layout, endpoint, image.ref);
  return runPlan(ctx, engine, plan(image.ref, false), io.stdinIsTTY);
}

function debugLine(ctx: Context, engine: Engine, plan: ContainerPlan, socket: string | undefined, note?: string): void {
  if (!ctx.env.GOVM_DEBUG) return;
  const notes = [socket ? `through the Engine API at ${socket}` : '', note ?? ''].filter(Boolean).join(', ');
  ctx.out.info(`${engine.bin} ${plan.args.join(' ')}${notes ? `  (${notes})` : ''}`);
}

/** What the run came to: the engine's reason first when the API path met a failure (the CLI prints its own). */
function report(ctx: Context, engine: Engine, x: LaunchExit): number {
  if (x.error) ctx.out.stderr.write(`${engine.kind}: ${x.error}\n`);
  return x.code;
}

async function runPlan(ctx: Context, engine: Engine, plan: ContainerPlan, stdinIsTTY: boolean): Promise<number> {
  const sup = new Supervisor(engine);
  try {
    const started = launch(sup, engine, plan, stdinIsTTY);
    debugLine(ctx, engine, plan, started.socket);
    return report(ctx, engine, await started.exit);
  } finally {
    await sup.close();
  }
}

/**
 * Starts the container, then checks its image. `code` is the exit code, or
 * undefined when the image failed the check and the container was stopped
 * before it could run the command: then the caller prepares the image and runs
 * again. `stale`: the image failed the check.
 */
async function runChecked(
  ctx: Context,
  engine: Engine,
  plan: ContainerPlan,
  verdict: () => Promise<string | undefined>,
): Promise<{ code: number | undefined; stale: boolean }> {
  const sup = new Supervisor(engine);
  try {
    const started = launch(sup, engine, plan, false);
    debugLine(ctx, engine, plan, started.socket, 'image checked alongside');
    let exited: LaunchExit | undefined;
    void started.exit.then((x) => (exited = x));
    let why: string | undefined;
    try {
      why = await verdict();
    } catch (e) {
      if (!exited) await started.abort();
      throw e;
    }
    if (why === undefined) return { code: report(ctx, engine, await started.exit), stale: false };
    // The engine already finished: the command ran (the check lost the race) unless the engine itself failed.
    if (exited?.ran) {
      ctx.out.warn(`${why}; this run used it as it was, the next one prepares it again`);
      return { code: report(ctx, engine, exited), stale: true };
    }
    await started.abort();
    if (sup.interrupted) return { code: signalCode(sup.interrupted), stale: true };
    ctx.out.info(`govm: ${why}: preparing it again`);
    return { code: undefined, stale: true };
  } finally {
    await sup.close();
  }
}

export async function sandboxShell(ctx: Context, opts: SandboxOptions, io: RunIO): Promise<number> {
  // bash when the image has it (alpine has only sh). A fixed string, never file contents.
  const shell = ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];
  return sandboxRun(ctx, opts, shell, io, 'shell');
}

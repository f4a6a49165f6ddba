// Starts one sandbox container under a Supervisor: through the Docker Engine
// API when a local socket allows it (api-run.ts), else (or when the daemon
// turns out not to be a Docker Engine govm can drive) through the engine's CLI.
// Either way the caller gets the same handle: the exit, whether the command
// ran, and a way to end it at once.
import { localDockerSocket } from './api.js';
import { createRequest } from './api-create.js';
import { ApiContainer } from './api-run.js';
import { Supervisor } from './container.js';
import type { Engine } from './engine.js';
import type { RunSpec } from './run-args.js';

/** `docker run`'s and `podman run`'s own exit code: the engine failed, the command never ran. */
export const ENGINE_FAILED = 125;

export interface LaunchPlan {
  readonly name: string;
  /** `docker run` / `podman run` arguments. */
  readonly args: readonly string[];
  /** What the arguments say: the Engine API's request is made from it. */
  readonly spec: RunSpec;
}

export interface Launched {
  /** The local Docker socket the container runs through, or undefined: the engine's CLI. */
  readonly socket: string | undefined;
  readonly exit: Promise<LaunchExit>;
  /** Ends the command at once and removes the container (never with a terminal). */
  abort(): Promise<void>;
}

export interface LaunchExit {
  readonly code: number;
  /** Whether the command started (false: the engine failed first, e.g. the image is not there). */
  readonly ran: boolean;
  /**
   * The engine's reason for a failure the API path met, to print as the CLI
   * would have (the CLI prints its own).
   */
  readonly error?: string | undefined;
}

/** `tty`: the container gets govm's terminal, which only the CLI can hand over. */
export function launch(sup: Supervisor, engine: Engine, plan: LaunchPlan, tty: boolean): Launched {
  const viaCli = () => {
    const started = sup.spawn(engine.bin, plan.args, { container: plan.name, tty, stdio: 'inherit' });
    return {
      exit: started.exit.then((x) => ({ code: x.code, ran: x.code !== ENGINE_FAILED })),
      abort: () => sup.abort(started),
    };
  };
  const socket = tty ? undefined : localDockerSocket(engine, process.platform);
  if (!socket) return { socket, ...viaCli() };

  const c = new ApiContainer(socket, createRequest(plan.spec), { stdin: () => process.stdin });
  sup.adopt(c, plan.name);
  let aborted = false;
  let cli: ReturnType<typeof viaCli> | undefined;
  const exit = c.exit.then((x): LaunchExit | Promise<LaunchExit> => {
    if (x) return { code: x.code, ran: x.started, error: x.error };
    if (aborted) return { code: ENGINE_FAILED, ran: false };
    cli = viaCli();
    return cli.exit;
  });
  return {
    socket,
    exit,
    abort: async () => {
      aborted = true;
      if (cli) return cli.abort();
      await c.remove();
      await exit;
    },
  };
}

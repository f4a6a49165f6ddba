// What every command receives: the process's I/O passed in, never reached for.
import { homedir } from 'node:os';
import { Layout, resolveHome } from './stores/home.js';
import { Output } from './output.js';

export interface Context {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly layout: Layout;
  readonly out: Output;
}

/**
 * The launcher passes its own `io`: writers that do not build process.stdout
 * and process.stderr streams (loading net and streams costs the hot path ms).
 */
export function processContext(io?: { stdout: Output['stdout']; stderr: Output['stderr'] }): Context {
  const env = process.env;
  return {
    env,
    cwd: process.cwd(),
    platform: process.platform,
    arch: process.arch,
    layout: new Layout(resolveHome({ env, platform: process.platform, homedir: homedir() })),
    out: io ? new Output(io.stdout, io.stderr, env) : new Output(process.stdout, process.stderr, env),
  };
}

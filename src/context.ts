// What every command receives: the process's I/O passed in, never reached for.
import { homedir } from 'node:os';
import { isatty } from 'node:tty';
import { Layout, resolveHome } from './stores/home.js';
import { Output } from './output.js';

export interface Context {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly layout: Layout;
  readonly out: Output;
  readonly stdinIsTTY: boolean;
}

export function processContext(): Context {
  const env = process.env;
  return {
    env,
    cwd: process.cwd(),
    platform: process.platform,
    arch: process.arch,
    layout: new Layout(resolveHome({ env, platform: process.platform, homedir: homedir() })),
    out: new Output(process.stdout, process.stderr, env),
    // isatty(0), not process.stdin.isTTY: the latter builds the stdin stream (~6 ms).
    stdinIsTTY: isatty(0),
  };
}

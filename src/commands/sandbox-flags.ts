// The flags `sandbox run`, `sandbox shell` and `matrix --sandbox` share, in one
// table read twice: by commander (help, errors, every form of the command) and
// by the launcher's fast path for `govm sandbox run [options] -- CMD…`, which
// parses with Node's own util.parseArgs and gives way to commander whenever
// the command line is anything but plain.
import { isatty } from 'node:tty';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Command } from 'commander';

export interface SandboxFlags {
  go?: string;
  engine?: string;
  local?: boolean;
  base?: string;
  variant?: string;
  env?: string[];
  cpus?: string;
  memory?: string;
  pidsLimit?: string;
  network?: string;
  readOnlySrc?: boolean;
  user?: string;
}

interface Flag {
  /** Long name, as typed: `pids-limit`. */
  readonly long: string;
  /** The SandboxFlags key (commander's camel-case of `long`). */
  readonly key: keyof SandboxFlags;
  readonly short?: string;
  /** Value placeholder; none for a boolean flag. */
  readonly value?: string;
  readonly repeat?: boolean;
  readonly help: string;
}

const GO: Flag = { long: 'go', key: 'go', value: 'spec', help: 'Go version (default: the one resolved here, as `govm current`)' };

const FLAGS: readonly Flag[] = [
  { long: 'engine', key: 'engine', value: 'name', help: 'container engine: docker, podman, auto, or a path (GOVM_CONTAINER_ENGINE)' },
  { long: 'local', key: 'local', help: 'build the image from the toolchain installed on the host (no registry needed)' },
  { long: 'base', key: 'base', value: 'image', help: 'base image for --local (GOVM_SANDBOX_BASE, default debian:bookworm-slim)' },
  { long: 'variant', key: 'variant', value: 'name', help: 'official image variant: bookworm, alpine… (golang:<X.Y.Z>-<variant>)' },
  { long: 'env', key: 'env', short: 'e', value: 'KEY[=VALUE]', repeat: true, help: 'set a variable in the sandbox (repeatable; KEY alone passes the host value)' },
  { long: 'cpus', key: 'cpus', value: 'n', help: 'CPU limit, e.g. 2 or 1.5' },
  { long: 'memory', key: 'memory', value: 'size', help: 'memory limit, e.g. 2g' },
  { long: 'pids-limit', key: 'pidsLimit', value: 'n', help: 'process limit' },
  { long: 'network', key: 'network', value: 'name', help: 'container network: none, bridge, host…' },
  { long: 'read-only-src', key: 'readOnlySrc', help: 'mount the project read-only' },
  { long: 'user', key: 'user', value: 'uid:gid', help: 'run as this uid:gid instead of the host user' },
];

/** Commander's reducer for a repeatable option. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Adds the sandbox flags to a commander command (`--go` too unless `withGo` is false). */
export function sandboxFlags(cmd: Command, withGo = true): Command {
  for (const f of withGo ? [GO, ...FLAGS] : FLAGS) {
    const spec = `${f.short ? `-${f.short}, ` : ''}--${f.long}${f.value ? ` <${f.value}>` : ''}`;
    if (f.repeat) cmd.option(spec, f.help, collect);
    else cmd.option(spec, f.help);
  }
  return cmd;
}

const PARSE_OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  [GO, ...FLAGS].map((f) => [f.long, { type: f.value ? 'string' : 'boolean', multiple: f.repeat ?? false, ...(f.short ? { short: f.short } : {}) }]),
);

/**
 * `[options] -- CMD…` (what follows `sandbox run`), or undefined when the
 * line is not that plain: no `--`, nothing after it, help asked for, or
 * anything util.parseArgs would not take as commander does (an unknown or
 * ambiguous flag, a stray word). Commander then parses it and reports.
 */
export function parsePlainSandboxRun(argv: readonly string[]): { opts: SandboxFlags; command: string[] } | undefined {
  const dash = argv.indexOf('--');
  if (dash < 0 || dash === argv.length - 1) return undefined;
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ args: argv.slice(0, dash), options: PARSE_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch {
    return undefined;
  }
  const opts: Record<string, unknown> = {};
  for (const f of [GO, ...FLAGS]) if (values[f.long] !== undefined) opts[f.key] = values[f.long];
  return { opts: opts as SandboxFlags, command: argv.slice(dash + 1) };
}

/** Whether a descriptor is a terminal. */
export const isTerminal: (fd: number) => boolean = isatty;

/** Whether stdin and stdout are terminals (asked of the descriptors: no stdio streams are built). */
export function terminalIO(): { stdinIsTTY: boolean; stdoutIsTTY: boolean } {
  return { stdinIsTTY: isTerminal(0), stdoutIsTTY: isTerminal(1) };
}

// Child lifecycles for sandboxes and matrix cells: signals forwarded, exit
// codes propagated exactly, and no container left behind on success, failure,
// Ctrl-C or SIGTERM.
//
// Containers run with --rm and --init (so PID 1 passes signals on and exits
// 128+n). Containers run through the Engine API (api-run.ts) get the signals
// through it. Without a TTY the engine CLI runs in its own process group and
// proxies the signals govm forwards to it (one delivery, not two from the
// terminal); with a TTY it stays in the foreground group and govm uses
// `<engine> kill --signal`. Once everything has exited after an interrupt, a
// final `rm -f` removes whatever the engine had created but never started.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { engineCall, type Engine } from './engine.js';

export interface Exit {
  /** The exit code to propagate: the process's own, or 128+n when a signal ended it. */
  readonly code: number;
  readonly signal: NodeJS.Signals | undefined;
}

export interface Started {
  readonly child: ChildProcess;
  readonly exit: Promise<Exit>;
}

/** A container govm runs through the Engine API (api-run.ts): signals and forced removal go through it. */
export interface Adopted {
  signal(sig: NodeJS.Signals): void;
  remove(): Promise<void>;
  readonly exit: Promise<unknown>;
}

interface Entry {
  child: ChildProcess | undefined;
  api: Adopted | undefined;
  container: string | undefined;
  tty: boolean;
  exited: boolean;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export const signalCode = (sig: NodeJS.Signals | null | undefined): number =>
  128 + ((sig && (constants.signals as Record<string, number>)[sig]) || 15);

export interface SpawnOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly stdio?: StdioOptions;
  /** A container's name: enables kill/rm through the engine. */
  readonly container?: string;
  readonly tty?: boolean;
}

export class Supervisor {
  private readonly entries = new Set<Entry>();
  private readonly touched = new Set<string>();
  private handlersOn = false;
  private graceTimer: NodeJS.Timeout | undefined;
  /** The first signal govm received, if any. */
  interrupted: NodeJS.Signals | undefined;

  constructor(
    private readonly engine: Engine | undefined,
    private readonly graceMs = 10_000,
    private readonly onSignal?: (sig: NodeJS.Signals) => void,
  ) {}

  private readonly handler = (sig: NodeJS.Signals): void => {
    this.interrupted ??= sig;
    this.onSignal?.(sig);
    for (const e of this.entries) this.signal(e, sig);
    if (!this.graceTimer) {
      this.graceTimer = setTimeout(() => void this.forceAll(), this.graceMs);
      this.graceTimer.unref();
    }
  };

  spawn(cmd: string, args: readonly string[], opts: SpawnOptions = {}): Started {
    this.listen();
    const tty = opts.tty ?? false;
    const child = spawn(cmd, args, {
      env: opts.env ?? (this.engine?.env as NodeJS.ProcessEnv | undefined),
      cwd: opts.cwd,
      stdio: opts.stdio ?? 'inherit',
      // Own process group unless it needs the terminal: a signal reaches it once, from govm.
      detached: !tty && process.platform !== 'win32',
      windowsHide: true,
    });
    const entry: Entry = { child, api: undefined, container: opts.container, tty, exited: false };
    this.entries.add(entry);
    if (opts.container) this.touched.add(opts.container);
    const exit = new Promise<Exit>((resolve) => {
      child.on('error', (e) => {
        entry.exited = true;
        this.entries.delete(entry);
        resolve({ code: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 127 : 126, signal: undefined });
      });
      child.on('close', (code, signal) => {
        entry.exited = true;
        this.entries.delete(entry);
        resolve({ code: code ?? signalCode(signal), signal: signal ?? undefined });
      });
    });
    // An interrupt that came before this child started still applies to it.
    if (this.interrupted) this.signal(entry, this.interrupted);
    return { child, exit };
  }

  /** Supervises a container run through the Engine API, as `spawn` does a CLI. */
  adopt(api: Adopted, container: string): void {
    this.listen();
    const entry: Entry = { child: undefined, api, container, tty: false, exited: false };
    this.entries.add(entry);
    this.touched.add(container);
    const done = (): void => {
      entry.exited = true;
      this.entries.delete(entry);
    };
    api.exit.then(done, done);
    if (this.interrupted) this.signal(entry, this.interrupted);
  }

  /** Stops one child (fail-fast): SIGTERM now, forced removal after the grace period. */
  stop(child: ChildProcess): void {
    for (const e of this.entries) {
      if (e.child !== child) continue;
      this.signal(e, 'SIGTERM');
      const t = setTimeout(() => void this.force(e), this.graceMs);
      t.unref();
    }
  }

  /**
   * Ends a child at once and removes its container: for a container that must
   * not go on (its image turned out to be stale). SIGKILL, so only for
   * children without a terminal (a killed CLI cannot restore one).
   */
  async abort(started: Started): Promise<void> {
    const entry = [...this.entries].find((e) => e.child === started.child);
    try {
      started.child.kill('SIGKILL');
    } catch {
      // already gone
    }
    await started.exit;
    const name = entry?.container;
    if (name && this.engine) await engineCall(this.engine, ['rm', '-f', name]).catch(() => undefined);
  }

  private signal(e: Entry, sig: NodeJS.Signals): void {
    if (e.exited) return;
    if (e.api) return e.api.signal(sig);
    if (e.container && e.tty && this.engine) {
      void engineCall(this.engine, ['kill', '--signal', sig, e.container]).catch(() => undefined);
      return;
    }
    try {
      e.child?.kill(sig);
    } catch {
      // already gone
    }
  }

  private async force(e: Entry): Promise<void> {
    if (e.exited) return;
    if (e.api) return e.api.remove();
    if (e.container && this.engine) await engineCall(this.engine, ['rm', '-f', e.container]).catch(() => undefined);
    try {
      e.child?.kill('SIGKILL');
    } catch {
      // already gone
    }
  }

  private async forceAll(): Promise<void> {
    await Promise.all([...this.entries].map((e) => this.force(e)));
  }

  private listen(): void {
    if (this.handlersOn) return;
    this.handlersOn = true;
    for (const s of FORWARDED) process.on(s, this.handler);
  }

  /**
   * After every child has exited: stop listening and, if govm was interrupted,
   * make sure no container it started is left (created but never started ones included).
   */
  async close(): Promise<void> {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    if (this.handlersOn) for (const s of FORWARDED) process.off(s, this.handler);
    this.handlersOn = false;
    if (this.interrupted && this.engine && this.touched.size > 0) {
      await engineCall(this.engine, ['rm', '-f', ...this.touched]).catch(() => undefined);
    }
  }
}

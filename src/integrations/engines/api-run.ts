// A sandbox container run through the Docker Engine API on the local socket:
// what `docker run --rm -i` does without a terminal, without starting the CLI
// (15–25 ms before its first request, of a ~350 ms `go version` in a container). The same steps as the
// CLI: create, attach, wait for the removal, start; stdin forwarded until its
// end, the multiplexed output written to govm's stdout and stderr, the exit
// code from `/wait`. Signals go to the container through `/kill`; `remove()`
// is `docker rm -f`. Used only where localDockerSocket allows; `exit` resolves
// to undefined when the daemon does not answer or is not a Docker Engine govm
// can drive (whatever it created is removed): then run the CLI instead.
import { connect, type Socket } from 'node:net';
import { apiMessage, apiRequest, type ApiResponse } from './api.js';
import type { CreateRequest } from './api-create.js';
import { Demuxer, FdSink } from './api-stream.js';
import { signalCode } from './container.js';

export interface ApiExit {
  /** What `docker run` would exit with: the command's code, or 125–127 when the engine could not run it. */
  readonly code: number;
  /** Whether the command started at all. */
  readonly started: boolean;
  /** Why the engine failed (create, start or wait), to print after `docker: ` as the CLI does. */
  readonly error?: string | undefined;
}


/** The docker CLI's exit code for a container that failed to start (cli/command/container/run.go). */
export function startFailureCode(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  if (/permission denied|is a directory/.test(message)) return 126;
  return 125;
}

/** A Docker Engine (not Podman's compatible service) recent enough, from the headers of any of its answers. */
export function drivableDocker(headers: Readonly<Record<string, string>>): boolean {
  if (!/^Docker\//i.test(headers.server ?? '') || headers['libpod-api-version']) return false;
  const [major = 0, minor = 0] = (headers['api-version'] ?? '').split('.').map(Number);
  // `/wait?condition=removed` came with API 1.30 (Docker 17.06).
  return major > 1 || (major === 1 && minor >= 30);
}

export interface ApiRunIO {
  /** Forwarded to the command until its end; undefined: the command's stdin is closed at once. */
  readonly stdin?: () => NodeJS.ReadableStream & { destroy(): void };
}

export class ApiContainer {
  readonly exit: Promise<ApiExit | undefined>;
  private id: string | undefined;
  private started = false;
  /** A signal that came before the start: the command is not started. */
  private pending: NodeJS.Signals | undefined;
  private aborted = false;

  constructor(
    private readonly socket: string,
    private readonly req: CreateRequest,
    private readonly io: ApiRunIO = {},
  ) {
    this.exit = this.run();
  }

  /** Forwards a signal (before the start: the command never starts). */
  signal(sig: NodeJS.Signals): void {
    if (!this.started) {
      this.pending ??= sig;
      return;
    }
    void apiRequest(this.socket, 'POST', `/containers/${this.ref}/kill?signal=${sig}`, { timeoutMs: 10_000 });
  }

  /** `docker rm -f`: ends the command at once, removes the container. */
  async remove(): Promise<void> {
    this.aborted = true;
    await apiRequest(this.socket, 'DELETE', `/containers/${this.ref}?force=1`, { timeoutMs: 30_000 });
  }

  private get ref(): string {
    return this.id ?? encodeURIComponent(this.req.name);
  }

  private async run(): Promise<ApiExit | undefined> {
    const created = await apiRequest(this.socket, 'POST', `/containers/create?name=${encodeURIComponent(this.req.name)}`, { body: this.req.body });
    // No answer (the daemon went away mid-request), or not a Docker Engine govm
    // can drive (every answer names its server; asking first would cost a round
    // trip): make sure nothing is left, then let the CLI try (and explain).
    if (!created || !drivableDocker(created.headers)) {
      if (!created || created.status === 201) await this.remove();
      return undefined;
    }
    // 404: no such image (never pulled here: the caller made sure of it, or checks alongside).
    if (created.status !== 201) return { code: 125, started: false, error: fromDaemon(created) };
    const id = idOf(created);
    if (!id) {
      await this.remove();
      return undefined;
    }
    this.id = id;

    const stdin = this.req.body.AttachStdin;
    const out = new Demuxer();
    let attach: Socket | undefined;
    const sinks = { 1: new FdSink(1, () => this.signal('SIGPIPE')), 2: new FdSink(2) };
    // Set when passing the output on failed unexpectedly: the container must not outlive govm.
    let broken: string | undefined;
    const onData = (chunk: Buffer): void => {
      try {
        let full = false;
        for (const [fd, payload] of out.push(chunk)) full = !sinks[fd].write(payload) || full;
        if (full && attach) {
          attach.pause();
          let waiting = 2;
          const resume = (): void => void (--waiting === 0 && attach?.resume());
          sinks[1].drain(resume);
          sinks[2].drain(resume);
        }
      } catch (e) {
        broken ??= (e as Error).message;
        attach?.destroy();
        void this.remove();
      }
    };
    attach = await attachTo(this.socket, this.id, stdin, onData);
    if (!attach) {
      await this.remove();
      return { code: 125, started: false, error: 'could not attach to the container' };
    }
    const streamDone = new Promise<void>((resolve) => attach!.on('close', () => resolve()));
    const waited = apiRequest(this.socket, 'POST', `/containers/${this.id}/wait?condition=removed`);
    if (this.pending || this.aborted) {
      attach.destroy();
      await this.remove();
      return this.notStarted();
    }
    const start = await apiRequest(this.socket, 'POST', `/containers/${this.id}/start`);
    if (!start || (start.status !== 204 && start.status !== 304)) {
      attach.destroy();
      await this.remove();
      const error = start ? fromDaemon(start) : 'the Docker daemon did not answer the start';
      return { code: startFailureCode(error), started: false, error };
    }
    this.started = true;
    if (this.pending) this.signal(this.pending);
    const input = stdin ? this.io.stdin?.() : undefined;
    if (input) {
      input.on('error', () => attach!.end());
      input.on('end', () => attach!.end());
      input.pipe(attach, { end: false });
    } else {
      attach.end();
    }

    const x = exitOf(await waited);
    // The output still in flight (the daemon ends the stream once the command's
    // output is closed; as the CLI, wait for it), then stop reading stdin: the command is gone.
    if (!x.error) await streamDone;
    attach.destroy();
    if (input) {
      input.unpipe(attach);
      input.destroy();
    }
    if (broken) return { code: 125, started: true, error: `could not pass the command's output on (${broken}); its container was removed` };
    return x;
  }

  private notStarted(): ApiExit {
    return { code: signalCode(this.pending ?? 'SIGTERM'), started: false };
  }
}

/** A refusal in the CLI's words. */
const fromDaemon = (res: ApiResponse): string => `Error response from daemon: ${apiMessage(res)}`;

function idOf(created: ApiResponse): string | undefined {
  try {
    const id = (JSON.parse(created.body) as { Id?: unknown }).Id;
    return typeof id === 'string' && /^[0-9a-f]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The `/wait` answer as `docker run` reports it: the status code, or 125 with the daemon's error. */
function exitOf(w: ApiResponse | undefined): ApiExit {
  // The answer's headers come at once, its body when the container is gone: none means the daemon went away.
  if (!w || (w.status === 200 && w.body.trim() === '')) return { code: 125, started: true, error: 'lost the connection to the Docker daemon' };
  if (w.status !== 200) return { code: 125, started: true, error: fromDaemon(w) };
  try {
    const j = JSON.parse(w.body) as { StatusCode?: number; Error?: { Message?: string } | null };
    if (j.Error?.Message) return { code: 125, started: true, error: `error waiting for the container: ${j.Error.Message}` };
    if (typeof j.StatusCode === 'number' && j.StatusCode >= 0) return { code: j.StatusCode, started: true };
  } catch {
    // fall through
  }
  return { code: 125, started: true, error: `unexpected answer from /wait: ${w.body.trim()}` };
}

/**
 * `POST /containers/{id}/attach`, hijacked: resolves to the raw socket once
 * the daemon switched protocols (output bytes that came with the answer are
 * passed on), or undefined.
 */
function attachTo(socketPath: string, id: string, stdin: boolean, onData: (chunk: Buffer) => void): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const sock = connect(socketPath);
    let head: Buffer | undefined = Buffer.alloc(0);
    const fail = (): void => {
      sock.destroy();
      resolve(undefined);
    };
    sock.setTimeout(10_000, fail);
    sock.on('error', fail);
    sock.on('close', () => resolve(undefined));
    sock.on('data', (d: Buffer) => {
      if (!head) return onData(d);
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!/^HTTP\/1\.[01] (101|200) /.test(head.subarray(0, end).toString('latin1'))) return fail();
      const rest = head.subarray(end + 4);
      head = undefined;
      sock.setTimeout(0);
      resolve(sock);
      if (rest.length) onData(rest);
    });
    sock.write(
      `POST /containers/${id}/attach?stream=1&stdin=${stdin ? 1 : 0}&stdout=1&stderr=1 HTTP/1.1\r\n` +
        'Host: docker\r\nUser-Agent: govm\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n',
    );
  });
}

// The Engine API run against a local unix-socket daemon that answers as told:
// Podman's compatible service, a missing image, a command that cannot start, a
// broken /wait, a signal before and after the start. The real engine's side is
// in api-run.test.ts.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequest } from '../../../src/integrations/engines/api-create.js';
import { ApiContainer } from '../../../src/integrations/engines/api-run.js';
import type { RunSpec } from '../../../src/integrations/engines/run-args.js';

const DOCKER = 'Server: Docker/20.10.24+dfsg1 (linux)\r\nApi-Version: 1.41\r\n';
const answer = (status: string, body = '', headers = DOCKER): string => `HTTP/1.0 ${status}\r\n${headers}Content-Type: application/json\r\n\r\n${body}`;

interface Req {
  method: string;
  path: string;
  sock: Socket;
}
type Route = (r: Req, daemon: Daemon) => void;

interface Daemon {
  path: string;
  requests: string[];
  /** The hijacked attach connection, once there is one. */
  attach?: Socket;
  /** The held /wait request, once there is one. */
  wait?: Socket;
}

async function daemon(t: TestContext, routes: Record<string, Route>): Promise<Daemon> {
  const dir = mkdtempSync(join(tmpdir(), 'govm-api-run-'));
  const d: Daemon = { path: join(dir, 'docker.sock'), requests: [] };
  const open = new Set<Socket>();
  const server = createServer((sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    sock.on('error', () => undefined);
    let buf = '';
    let seen = false;
    sock.on('data', (chunk) => {
      if (seen) return;
      buf += chunk.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      seen = true;
      const [method = '', path = ''] = buf.split(' ');
      const key = `${method} ${path.replace(/\/containers\/(?!create\b)[^/?]+/, '/containers/ID')}`.replace(/\?.*$/, '');
      d.requests.push(`${method} ${path}`);
      const route = routes[key] ?? DEFAULTS[key];
      if (route) route({ method, path, sock }, d);
      else sock.end(answer('404 Not Found', '{"message":"no route"}'));
    });
  });
  await new Promise<void>((r) => server.listen(d.path, r));
  t.after(() => {
    for (const s of open) s.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return d;
}

/** A container that exits with `code` as soon as it is started. */
const exitsWith = (code: number): Route => (r, d) => {
  r.sock.end(answer('204 No Content'));
  setTimeout(() => {
    d.attach?.end();
    d.wait?.end(`{"Error":null,"StatusCode":${code}}\n`);
  }, 20);
};

const DEFAULTS: Record<string, Route> = {
  'POST /containers/create': (r) => r.sock.end(answer('201 Created', '{"Id":"c0ffee","Warnings":[]}')),
  'POST /containers/ID/attach': (r, d) => {
    d.attach = r.sock;
    r.sock.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
  },
  'POST /containers/ID/wait': (r, d) => {
    d.wait = r.sock;
    r.sock.write(`HTTP/1.0 200 OK\r\n${DOCKER}Content-Type: application/json\r\n\r\n`);
  },
  'POST /containers/ID/start': exitsWith(0),
  'POST /containers/ID/kill': (r) => r.sock.end(answer('204 No Content')),
  'DELETE /containers/ID': (r) => r.sock.end(answer('204 No Content')),
};

const SPEC: RunSpec = {
  engine: 'docker', name: 'govm-run-1.22.12-abc123', image: 'govm-local/go:1.22.12', projectRoot: '/p', workdir: '',
  modCache: '/m', buildCache: '/b', env: {}, interactive: false, command: ['true'],
};
const run = (d: Daemon) => new ApiContainer(d.path, createRequest(SPEC));
const paths = (d: Daemon) => d.requests.map((r) => r.replace(/\?.*$/, ''));

test('the daemon\'s order: create, attach, wait for the removal, start; the exit code from /wait', async (t) => {
  const d = await daemon(t, { 'POST /containers/ID/start': exitsWith(3) });
  assert.deepEqual(await run(d).exit, { code: 3, started: true });
  assert.deepEqual(d.requests, [
    'POST /containers/create?name=govm-run-1.22.12-abc123',
    'POST /containers/c0ffee/attach?stream=1&stdin=0&stdout=1&stderr=1',
    'POST /containers/c0ffee/wait?condition=removed',
    'POST /containers/c0ffee/start',
  ]);
});

test('Podman\'s compatible service: what it created is removed, and the CLI is asked instead (undefined)', async (t) => {
  const podman = 'Server: Libpod/4.3.1 (linux)\r\nApi-Version: 1.41\r\nLibpod-Api-Version: 4.3.1\r\n';
  const d = await daemon(t, { 'POST /containers/create': (r) => r.sock.end(answer('201 Created', '{"Id":"c0ffee"}', podman)) });
  assert.equal(await run(d).exit, undefined);
  assert.deepEqual(paths(d), ['POST /containers/create', 'DELETE /containers/govm-run-1.22.12-abc123']);
});

test('a created answer without a container ID: removed by name, the CLI asked instead', async (t) => {
  const d = await daemon(t, { 'POST /containers/create': (r) => r.sock.end(answer('201 Created', '<html>')) });
  assert.equal(await run(d).exit, undefined);
  assert.deepEqual(paths(d), ['POST /containers/create', 'DELETE /containers/govm-run-1.22.12-abc123']);
});

test('no daemon on the socket: the CLI is asked instead, nothing to clean', async () => {
  assert.equal(await new ApiContainer('/nonexistent/docker.sock', createRequest(SPEC)).exit, undefined);
});

test('a missing image: 125, not started, the daemon\'s words; nothing else asked', async (t) => {
  const d = await daemon(t, { 'POST /containers/create': (r) => r.sock.end(answer('404 Not Found', '{"message":"No such image: govm-local/go:1.22.12"}')) });
  assert.deepEqual(await run(d).exit, { code: 125, started: false, error: 'Error response from daemon: No such image: govm-local/go:1.22.12' });
  assert.deepEqual(paths(d), ['POST /containers/create']);
});

test('a command that cannot start: the CLI\'s 127, the container removed', async (t) => {
  const why = 'OCI runtime create failed: exec: "nosuch": executable file not found in $PATH: unknown';
  const d = await daemon(t, { 'POST /containers/ID/start': (r) => r.sock.end(answer('400 Bad Request', JSON.stringify({ message: why }))) });
  assert.deepEqual(await run(d).exit, { code: 127, started: false, error: `Error response from daemon: ${why}` });
  assert.equal(paths(d).at(-1), 'DELETE /containers/c0ffee');
});

test('/wait reports an error, or the daemon goes away: 125 with the reason', async (t) => {
  const failing = await daemon(t, {
    'POST /containers/ID/start': (r, d) => {
      r.sock.end(answer('204 No Content'));
      setTimeout(() => d.wait?.end('{"Error":{"Message":"container was killed by the OOM killer"},"StatusCode":137}'), 20);
    },
  });
  const x = await run(failing).exit;
  assert.equal(x?.code, 125);
  assert.match(x?.error ?? '', /OOM killer/);
  const gone = await daemon(t, {
    'POST /containers/ID/start': (r, d) => {
      r.sock.end(answer('204 No Content'));
      setTimeout(() => d.wait?.destroy(), 20);
    },
  });
  assert.deepEqual(await run(gone).exit, { code: 125, started: true, error: 'lost the connection to the Docker daemon' });
});

test('a signal before the start: the command never starts, the container is removed, 128+n', async (t) => {
  const d = await daemon(t, { 'POST /containers/create': (r) => setTimeout(() => r.sock.end(answer('201 Created', '{"Id":"c0ffee"}')), 50) });
  const c = run(d);
  c.signal('SIGINT');
  assert.deepEqual(await c.exit, { code: 130, started: false });
  assert.ok(!paths(d).includes('POST /containers/c0ffee/start'), d.requests.join('\n'));
  assert.equal(paths(d).at(-1), 'DELETE /containers/c0ffee');
});

test('a signal after the start goes to the container through /kill; its exit is the command\'s', async (t) => {
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const d = await daemon(t, {
    'POST /containers/ID/start': (r) => {
      r.sock.end(answer('204 No Content'));
      started();
    },
    'POST /containers/ID/kill': (r, dd) => {
      r.sock.end(answer('204 No Content'));
      dd.attach?.end();
      dd.wait?.end('{"Error":null,"StatusCode":143}');
    },
  });
  const c = run(d);
  await running;
  await new Promise((r) => setTimeout(r, 20));
  c.signal('SIGTERM');
  assert.deepEqual(await c.exit, { code: 143, started: true });
  assert.ok(d.requests.includes('POST /containers/c0ffee/kill?signal=SIGTERM'), d.requests.join('\n'));
});

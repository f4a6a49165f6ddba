// The Docker socket shortcut against a local unix-socket server that answers
// well, badly or not at all: only a complete, plain answer is used; anything
// else is `undefined`, so govm asks the CLI instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiInspectImage } from '../../../src/integrations/engines/api.js';

type Behaviour = (sock: Socket, request: string) => void;

async function withServer(t: import('node:test').TestContext, behave: Behaviour): Promise<{ path: string; requests: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'govm-sock-'));
  const path = join(dir, 'docker.sock');
  const requests: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    let req = '';
    sock.on('data', (d) => {
      req += d.toString('latin1');
      if (req.includes('\r\n\r\n')) {
        requests.push(req);
        behave(sock, req);
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(path, r));
  t.after(() => {
    for (const s of open) s.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { path, requests };
}

const image = { Id: 'sha256:0123', Config: { Labels: { 'io.govm.key': 'k' } } };

test('a plain answer is read; the request is a bare HTTP/1.0 GET of the image', async (t) => {
  const { path, requests } = await withServer(t, (s) => s.end(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(image)}`));
  assert.deepEqual(await apiInspectImage(path, 'govm-local/go:1.22.12-debian-bookworm-slim'), { found: true, id: 'sha256:0123', labels: { 'io.govm.key': 'k' } });
  assert.match(requests[0]!, /^GET \/images\/govm-local\/go:1\.22\.12-debian-bookworm-slim\/json HTTP\/1\.0\r\n/);
});

test('404 means no such image; null labels are no labels', async (t) => {
  const missing = await withServer(t, (s) => s.end('HTTP/1.0 404 Not Found\r\n\r\n{"message":"No such image"}'));
  assert.deepEqual(await apiInspectImage(missing.path, 'x:0'), { found: false });
  const nolabels = await withServer(t, (s) => s.end(`HTTP/1.0 200 OK\r\n\r\n${JSON.stringify({ Id: 'sha256:1', Config: { Labels: null } })}`));
  assert.deepEqual(await apiInspectImage(nolabels.path, 'x:0'), { found: true, id: 'sha256:1', labels: {} });
});

test('faults: the CLI is asked instead', async (t) => {
  const faults: [string, Behaviour][] = [
    ['500', (s) => s.end('HTTP/1.0 500 Internal Server Error\r\n\r\n{"message":"boom"}')],
    ['chunked', (s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"Id"\r\n0\r\n\r\n')],
    ['cut mid-body', (s) => s.end(`HTTP/1.0 200 OK\r\nContent-Length: 500\r\n\r\n${JSON.stringify(image).slice(0, 10)}`)],
    ['closed without a word', (s) => s.end()],
    ['dropped after the status line', (s) => s.write('HTTP/1.0 200 OK\r\n', () => s.destroy())],
    ['not JSON', (s) => s.end('HTTP/1.0 200 OK\r\n\r\n<html>')],
    ['JSON without an Id', (s) => s.end('HTTP/1.0 200 OK\r\n\r\n{"message":"hi"}')],
  ];
  for (const [name, behave] of faults) {
    const { path } = await withServer(t, behave);
    assert.equal(await apiInspectImage(path, 'x:0'), undefined, name);
  }
});

test('a daemon that never answers: given up after the timeout', async (t) => {
  const { path } = await withServer(t, () => undefined);
  const started = Date.now();
  assert.equal(await apiInspectImage(path, 'x:0', 300), undefined);
  assert.ok(Date.now() - started < 3000, 'the timeout applies');
});

test('references the API path cannot carry, and missing sockets, go to the CLI without a connection', async () => {
  assert.equal(await apiInspectImage('/nonexistent/docker.sock', 'x:0'), undefined);
  assert.equal(await apiInspectImage('/nonexistent/docker.sock', 'bad ref?x=1'), undefined);
});

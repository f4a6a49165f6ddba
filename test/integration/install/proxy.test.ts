// HTTPS_PROXY/HTTP_PROXY/NO_PROXY are honoured: a real CONNECT proxy on loopback
// sees govm's requests, and NO_PROXY bypasses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runGovm } from '../../helpers/cli.js';
import { indexJson, startFaultServer } from '../../helpers/fault-server.js';
import { fakeToolchainTarGz } from '../../helpers/toolchain-archive.js';

async function startProxy() {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    // Plain forward-proxy requests (absolute URI); CONNECT is handled below.
    seen.push(`GET ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

test('downloads go through HTTP(S)_PROXY unless NO_PROXY matches', async () => {
  const FILE = 'go1.22.3.linux-amd64.tar.gz';
  const body = await fakeToolchainTarGz({ version: '1.22.3', payload: 100_000, files: 4 });
  const mirror = await startFaultServer({
    '/index.json': { body: indexJson([{ version: '1.22.3', files: [{ filename: FILE, os: 'linux', arch: 'amd64', body }] }]) },
    [`/${FILE}`]: { body },
  });
  // Name the mirror "localhost" so it is clearly not the proxy's own address.
  const mirrorUrl = mirror.url.replace('127.0.0.1', 'localhost');
  const proxy = await startProxy();
  const home = await mkdtemp(join(tmpdir(), 'govm-proxy-'));
  try {
    const env = cleanEnv({ GOVM_HOME: home, GOVM_INDEX_URL: `${mirrorUrl}index.json`, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    const r = await runGovm(['install', '1.22.3'], { env, timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(proxy.seen.length >= 1, 'the proxy carried the requests');
    assert.ok(proxy.seen.every((s) => s.includes('localhost')), proxy.seen.join('\n'));

    const before = proxy.seen.length;
    await runGovm(['uninstall', '1.22.3'], { env });
    await runGovm(['cache', 'clean'], { env });
    const direct = await runGovm(['install', '1.22.3'], { env: { ...env, NO_PROXY: 'localhost' }, timeoutMs: 30_000 });
    assert.equal(direct.code, 0, direct.stderr);
    assert.equal(proxy.seen.length, before, 'NO_PROXY bypassed the proxy');
  } finally {
    await Promise.all([mirror.close(), proxy.close()]);
    await rm(home, { recursive: true, force: true });
  }
});

// The socket shortcut and the CLI agree, on a real engine: about images, about
// the container a sandbox asks for, and about what running one looks like
// from outside (output, exit codes, stdin, signals, a reader that goes away).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequest } from '../../../src/integrations/engines/api-create.js';
import { apiInspectImage, apiRequest, localDockerSocket } from '../../../src/integrations/engines/api.js';
import { findEngine } from '../../../src/integrations/engines/engine.js';
import { inspectImageCli } from '../../../src/integrations/engines/images.js';
import { buildRunArgs, type RunSpec } from '../../../src/integrations/engines/run-args.js';
import { GOVM_BIN, runGovm } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { BASE_IMAGE, baseImagePresent, containersFor, docker, dockerReachable, govmEnv, makeHome, makeProject, toolchain, USER_FLAGS } from './env.js';

const TIMEOUT = { timeout: 15 * 60_000 };

function socketOrSkip(t: TestContext): string | undefined {
  if (!prereq(t, dockerReachable() && baseImagePresent(), 'no reachable Docker engine with debian:bookworm-slim')) return undefined;
  const socket = localDockerSocket(findEngine({ choice: 'docker', env: process.env, platform: process.platform }), process.platform);
  if (!prereq(t, socket !== undefined, 'the docker CLI does not use a local unix socket here')) return undefined;
  return socket;
}

test('image inspection through the Docker socket matches the CLI (present and missing images)', async (t) => {
  const socket = socketOrSkip(t);
  if (!socket) return;
  const engine = findEngine({ choice: 'docker', env: process.env, platform: process.platform });
  const viaApi = await apiInspectImage(socket, BASE_IMAGE);
  const viaCli = await inspectImageCli(engine, BASE_IMAGE);
  assert.ok(viaApi?.found && viaCli);
  assert.deepEqual({ id: viaApi.id, labels: viaApi.labels }, viaCli);
  assert.deepEqual(await apiInspectImage(socket, 'govm-test/definitely-missing:0'), { found: false });
  assert.equal(await inspectImageCli(engine, 'govm-test/definitely-missing:0'), undefined);
  assert.equal(await apiInspectImage('/nonexistent/docker.sock', BASE_IMAGE), undefined, 'no socket: fall back to the CLI');
});

/** `docker inspect`'s Config and HostConfig, with empty lists, maps and the "no" restart policy written one way, the environment sorted. */
function stored(name: string): Record<string, unknown> {
  const [c] = JSON.parse(docker(['inspect', name]).stdout) as { Config: Record<string, unknown>; HostConfig: Record<string, unknown> }[];
  assert.ok(c, `no container ${name}`);
  const { Hostname: _h, Env: env, ...config } = c.Config;
  const empty = (v: unknown) => v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  const host = Object.fromEntries(Object.entries(c.HostConfig).map(([k, v]) => [k, empty(v) ? null : v]));
  const restart = host.RestartPolicy as { Name: string } | null;
  if (restart?.Name === '') restart.Name = 'no';
  // The 20.10 CLI passes --env through a map: its order is not kept (the names are unique either way).
  return { config, env: [...((env as string[] | null) ?? [])].sort(), host };
}

test('the container the Engine API path creates is the one `docker run` with govm\'s flags creates', TIMEOUT, async (t) => {
  const socket = socketOrSkip(t);
  if (!socket) return;
  const dir = mkdtempSync(join(tmpdir(), 'govm-api-parity-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const specs: RunSpec[] = [
    {
      engine: 'docker', name: '', image: BASE_IMAGE, projectRoot: dir, workdir: 'sub/dir', user: '1000:1000', modCache: dir, buildCache: tmpdir(),
      env: { HOME: '/home/govm', GOFLAGS: '-buildvcs=false -mod=mod', A: 'x=y z' }, limits: { cpus: '1.5', memory: '256m', pidsLimit: '100', network: 'none' },
      readOnlySrc: true, interactive: true, pullNever: true, labels: { 'io.govm.sandbox': 'run' }, command: ['sh', '-c', 'echo "$A"'],
    },
    { engine: 'docker', name: '', image: BASE_IMAGE, projectRoot: dir, workdir: '', modCache: dir, buildCache: dir, env: {}, interactive: false, command: ['true'] },
  ];
  for (const [i, spec] of specs.entries()) {
    const viaCli = `govm-test-parity-cli-${process.pid}-${i}`;
    const viaApi = `govm-test-parity-api-${process.pid}-${i}`;
    t.after(() => docker(['rm', '-f', viaCli, viaApi]));
    const args = buildRunArgs({ ...spec, name: viaCli });
    assert.equal(args[0], 'run');
    const cli = docker(['create', ...args.slice(1)]);
    assert.equal(cli.code, 0, cli.stderr);
    const req = createRequest({ ...spec, name: viaApi });
    const api = await apiRequest(socket, 'POST', `/containers/create?name=${req.name}`, { body: req.body });
    assert.equal(api?.status, 201, api?.body);
    assert.deepEqual(stored(viaApi), stored(viaCli), `spec ${i}`);
  }
});

function ready(t: TestContext): { home: string; proj: string } | undefined {
  if (!socketOrSkip(t)) return undefined;
  const tc = toolchain('1.22');
  if (!prereq(t, tc !== undefined, 'Debian golang-1.22-go is not installed')) return undefined;
  const proj = makeProject(t, 'stdslices');
  // Whatever a failed assertion leaves running (a `yes` left behind fills the disk with its log).
  t.after(() => {
    for (const n of containersFor(proj)) docker(['rm', '-f', n]);
  });
  return { home: makeHome(t, [tc!]), proj };
}

test('govm sandbox run: the same output, exit codes and stdin through the Engine API as through the CLI', TIMEOUT, async (t) => {
  const r = ready(t);
  if (!r) return;
  const sandbox = (cmd: string[], api: boolean, input?: string) =>
    runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', ...cmd], {
      cwd: r.proj, env: govmEnv(r.home, { GOVM_DEBUG: '1', GOVM_DOCKER_API: api ? undefined : '0' }), input,
    });
  assert.equal((await sandbox(['true'], false)).code, 0, 'the image is built');
  const big = 'x'.repeat(1 << 20);
  const cases: [string, string[], string | undefined][] = [
    ['stdout, stderr and an exit code', ['sh', '-c', 'echo out; echo err >&2; echo more; exit 3'], undefined],
    ['a command that is not there', ['no-such-command'], undefined],
    ['a command that is not executable', ['/etc/hostname'], undefined],
    ['1 MiB on stdin', ['sh', '-c', 'wc -c; echo done'], big],
    ['2 MB of output, in order', ['sh', '-c', 'seq 1 300000; seq 1 3 >&2'], undefined],
  ];
  for (const [name, cmd, input] of cases) {
    const [cli, api] = [await sandbox(cmd, false, input), await sandbox(cmd, true, input)];
    assert.match(api.stderr, /through the Engine API/, `${name}: the API path was taken`);
    assert.doesNotMatch(cli.stderr, /through the Engine API/, `${name}: the CLI path was taken`);
    // govm's own lines left out, and docker-init's PID (it varies from run to run).
    const own = (s: string) => s.split('\n').filter((l) => !/^govm: |^\/\S+ run --rm /.test(l)).join('\n').replace(/tini \(\d+\)/g, 'tini (PID)');
    assert.deepEqual({ code: api.code, stdout: api.stdout, stderr: own(api.stderr) }, { code: cli.code, stdout: cli.stdout, stderr: own(cli.stderr) }, name);
  }
  const last = await sandbox(['sh', '-c', 'exit 42'], true);
  assert.equal(last.code, 42);
  assert.deepEqual(containersFor(r.proj), [], 'no container left behind');
});

test('a reader that goes away (| head): the command gets SIGPIPE, govm exits 141, nothing left behind', TIMEOUT, async (t) => {
  const r = ready(t);
  if (!r) return;
  assert.equal((await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'true'], { cwd: r.proj, env: govmEnv(r.home) })).code, 0);
  const child = spawn(process.execPath, [GOVM_BIN, 'sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'yes'], {
    cwd: r.proj, env: govmEnv(r.home), stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  await new Promise<void>((res) => child.stdout.once('data', () => res()));
  child.stdout.destroy();
  const started = Date.now();
  assert.equal(await exited, 141, stderr);
  assert.ok(Date.now() - started < 20_000, 'promptly');
  assert.deepEqual(containersFor(r.proj), []);
});

test('a non-blocking stdout whose reader is slow: all the output, in order (the fallback to a stream)', TIMEOUT, async (t) => {
  const r = ready(t);
  if (!r) return;
  assert.equal((await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'true'], { cwd: r.proj, env: govmEnv(r.home) })).code, 0);
  const dir = mkdtempSync(join(tmpdir(), 'govm-nonblock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = join(dir, 'fifo');
  const out = join(dir, 'out');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  // The reader opens the FIFO, then sleeps: govm meets a full pipe, and its descriptor is non-blocking.
  const reader = spawn('sh', ['-c', `exec 3<'${fifo}'; sleep 2; cat <&3 > '${out}'`], { stdio: 'ignore' });
  const readerDone = new Promise<number | null>((res) => reader.on('close', (c) => res(c)));
  let fd: number | undefined;
  for (let i = 0; i < 200 && fd === undefined; i++) {
    try {
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch {
      await new Promise((res) => setTimeout(res, 25)); // ENXIO until the reader has it open
    }
  }
  assert.ok(fd !== undefined, 'the FIFO opened for writing');
  // Passed as fd 3 and moved to stdout by sh: libuv makes a child's fds 0–2 blocking, and
  // they share the FIFO's open file description (its O_NONBLOCK) with this one.
  const line = [process.execPath, GOVM_BIN, 'sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'seq', '1', '300000'];
  const child = spawn('sh', ['-c', 'exec "$@" >&3 3>&-', 'sh', ...line], { cwd: r.proj, env: govmEnv(r.home), stdio: ['ignore', 'ignore', 'pipe', fd] });
  closeSync(fd!);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  assert.equal(code, 0, stderr);
  assert.equal(await readerDone, 0);
  const want = Array.from({ length: 300000 }, (_, i) => `${i + 1}\n`).join('');
  const got = readFileSync(out, 'utf8');
  assert.equal(got.length, want.length);
  assert.ok(got === want, 'the same bytes, in order');
});

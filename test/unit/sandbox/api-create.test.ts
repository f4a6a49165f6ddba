// The Engine API path's pure parts (table-driven): the create request built
// from the same RunSpec as `docker run`'s flags, the CLI's unit parsing, the
// multiplexed stream, the server check and the start-failure exit codes.
// test/integration/sandbox/api-run.test.ts holds the request against what the
// real docker CLI asks the daemon for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequest, memoryBytes, nanoCpus } from '../../../src/integrations/engines/api-create.js';
import { drivableDocker, startFailureCode } from '../../../src/integrations/engines/api-run.js';
import { Demuxer } from '../../../src/integrations/engines/api-stream.js';
import { checkLimits, type RunSpec } from '../../../src/integrations/engines/run-args.js';
import { BASE_SPEC } from '../../helpers/run-spec.js';

const BASE: RunSpec = { ...BASE_SPEC, interactive: true, labels: { 'io.govm.sandbox': 'run' } };

test('create request: --rm, --init, the name, identity, HOME, mounts, workdir, env, labels, stdin, image and command', () => {
  assert.deepEqual(createRequest(BASE), {
    name: 'govm-run-1.22.12-abc123',
    body: {
      Image: 'golang:1.22.12',
      Cmd: ['go', 'test', './...'],
      Env: ['HOME=/home/govm', 'GOTOOLCHAIN=local'],
      User: '1000:1000',
      WorkingDir: '/workspace/cmd/tool',
      Labels: { 'io.govm.sandbox': 'run' },
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
      HostConfig: {
        AutoRemove: true,
        Init: true,
        Mounts: [
          { Type: 'bind', Source: '/home/u/proj', Target: '/workspace', ReadOnly: false },
          { Type: 'bind', Source: '/home/u/.govm/cache/go-mod', Target: '/govm/cache/go-mod', ReadOnly: false },
          { Type: 'bind', Source: '/home/u/.govm/cache/go-build/1.22.12', Target: '/govm/cache/go-build', ReadOnly: false },
        ],
        Tmpfs: { '/home/govm': 'rw,exec,mode=0755,uid=1000,gid=1000' },
        NetworkMode: 'default',
      },
    },
  });
});

const cases: { name: string; spec: Partial<RunSpec>; want: (b: ReturnType<typeof createRequest>['body']) => unknown; is: unknown }[] = [
  { name: 'limits', spec: { limits: { cpus: '1.5', memory: '2g', pidsLimit: '256', network: 'none' } }, want: (b) => [b.HostConfig.NanoCpus, b.HostConfig.Memory, b.HostConfig.PidsLimit, b.HostConfig.NetworkMode], is: [1.5e9, 2 * 1024 ** 3, 256, 'none'] },
  { name: 'no limits: none sent', spec: {}, want: (b) => ['NanoCpus', 'Memory', 'PidsLimit'].filter((k) => k in b.HostConfig), is: [] },
  { name: 'a zero pids limit is left out, as the CLI does', spec: { limits: { pidsLimit: '0' } }, want: (b) => 'PidsLimit' in b.HostConfig, is: false },
  { name: 'unlimited pids', spec: { limits: { pidsLimit: '-1' } }, want: (b) => b.HostConfig.PidsLimit, is: -1 },
  { name: '--read-only-src', spec: { readOnlySrc: true }, want: (b) => b.HostConfig.Mounts.map((m) => m.ReadOnly), is: [true, false, false] },
  { name: 'not interactive: stdin closed', spec: { interactive: false }, want: (b) => [b.AttachStdin, b.OpenStdin, b.StdinOnce], is: [false, false, false] },
  { name: 'workdir at the root', spec: { workdir: '' }, want: (b) => b.WorkingDir, is: '/workspace' },
  { name: 'Windows-style workdir', spec: { workdir: 'a\\b\\' }, want: (b) => b.WorkingDir, is: '/workspace/a/b' },
  { name: 'no uid on the host: the image user, world-writable HOME', spec: { user: undefined }, want: (b) => ['User' in b, b.HostConfig.Tmpfs['/home/govm']], is: [false, 'rw,exec,mode=1777'] },
  { name: 'env keeps its order', spec: { env: { B: '2', A: '1=x' } }, want: (b) => b.Env, is: ['B=2', 'A=1=x'] },
];
for (const c of cases) {
  test(`create request: ${c.name}`, () => assert.deepEqual(c.want(createRequest({ ...BASE, ...c.spec }).body), c.is));
}

test('create request: only for docker without a terminal (Podman and -t use the CLI)', () => {
  assert.throws(() => createRequest({ ...BASE, engine: 'podman' }));
  assert.throws(() => createRequest({ ...BASE, tty: true }));
});

test('--memory and --cpus as the docker CLI reads them', () => {
  const mem: [string, number][] = [['512', 512], ['512b', 512], ['1k', 1024], ['1K', 1024], ['512m', 512 * 1024 ** 2], ['2g', 2 * 1024 ** 3], ['1.5g', 1.5 * 1024 ** 3], ['0.1k', 102]];
  for (const [v, want] of mem) assert.equal(memoryBytes(v), want, v);
  const cpus: [string, number][] = [['2', 2e9], ['1.5', 1.5e9], ['.5', 5e8], ['0.01', 1e7], ['1.000000001', 1000000001], ['3.1400000000', 3.14e9]];
  for (const [v, want] of cpus) assert.equal(nanoCpus(v), want, v);
  // Finer than the CLI accepts ("value is too precise"): refused before either path.
  assert.throws(() => checkLimits({ cpus: '1.0000000001' }), /--cpus/);
  assert.doesNotThrow(() => checkLimits({ cpus: '1.000000001' }));
});

test('multiplexed output: frames whatever the chunk boundaries', () => {
  const frame = (stream: number, text: string): Buffer => {
    const payload = Buffer.from(text);
    const head = Buffer.alloc(8);
    head[0] = stream;
    head.writeUInt32BE(payload.length, 4);
    return Buffer.concat([head, payload]);
  };
  const whole = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, ''), frame(0, 'echo'), frame(1, 'é two\n')]);
  const text = (frames: [number, Buffer][]) => frames.map(([fd, p]) => [fd, p.toString()]);
  assert.deepEqual(text(new Demuxer().push(whole)), [[1, 'out one\n'], [2, 'err\n'], [1, 'echo'], [1, 'é two\n']], 'one chunk: frame by frame, empty ones dropped');
  for (let size = 1; size <= whole.length; size++) {
    const d = new Demuxer();
    const bytes: Record<number, Buffer[]> = { 1: [], 2: [] };
    for (let i = 0; i < whole.length; i += size) for (const [fd, p] of d.push(whole.subarray(i, i + size))) bytes[fd]!.push(Buffer.from(p));
    const got = [Buffer.concat(bytes[1]!).toString(), Buffer.concat(bytes[2]!).toString()];
    assert.deepEqual(got, ['out one\necho' + 'é two\n', 'err\n'], `chunks of ${size}`);
  }
  const cut = new Demuxer();
  assert.deepEqual(cut.push(whole.subarray(0, 12)), [], 'a frame cut short is held back');
  assert.deepEqual(text(cut.push(whole.subarray(12, 16))), [[1, 'out one\n']], 'and given once complete');
});

test('the server check: Docker Engines with API ≥ 1.30 only', () => {
  const cases: [Record<string, string>, boolean][] = [
    [{ server: 'Docker/20.10.24+dfsg1 (linux)', 'api-version': '1.41' }, true],
    [{ server: 'Docker/28.2.2 (linux)', 'api-version': '1.50' }, true],
    [{ server: 'Docker/17.06.0-ce (linux)', 'api-version': '1.30' }, true],
    [{ server: 'Docker/17.05.0-ce (linux)', 'api-version': '1.29' }, false],
    [{ server: 'Libpod/4.3.1 (linux)', 'api-version': '1.41', 'libpod-api-version': '4.3.1' }, false],
    [{ server: 'Docker/20.10', 'api-version': '1.41', 'libpod-api-version': '4.3.1' }, false],
    [{ 'api-version': '1.41' }, false],
    [{ server: 'Docker/20.10.24 (linux)' }, false],
  ];
  for (const [h, want] of cases) assert.equal(drivableDocker(h), want, JSON.stringify(h));
});

test('a container that fails to start: the docker CLI\'s exit codes', () => {
  const cases: [string, number][] = [
    ['OCI runtime create failed: exec: "nosuch": executable file not found in $PATH: unknown', 127],
    ['failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/x": stat /x: no such file or directory', 127],
    ['OCI runtime create failed: exec: "/etc": permission denied: unknown', 126],
    ['exec: "/workspace": is a directory', 126],
    ['driver failed programming external connectivity', 125],
    ['Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available', 125],
  ];
  for (const [m, want] of cases) assert.equal(startFailureCode(m), want, m);
});

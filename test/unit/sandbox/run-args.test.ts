// Engine argument building and the sandbox environment (pure, table-driven).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRunArgs, checkLimits, containerName, ENV_ALLOWLIST, sandboxEnv, withBuildVcsOff, type RunSpec } from '../../../src/integrations/engines/run-args.js';
import { BASE_SPEC } from '../../helpers/run-spec.js';

const BASE = BASE_SPEC;

/** The value following each occurrence of a flag. */
const values = (args: string[], flag: string): string[] => args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : []));

test('docker run: --rm, --init, govm- name, identity, writable HOME, mounts, workdir, env, image then command', () => {
  const a = buildRunArgs(BASE);
  assert.deepEqual(a.slice(0, 5), ['run', '--rm', '--init', '--name', 'govm-run-1.22.12-abc123']);
  assert.deepEqual(values(a, '--user'), ['1000:1000']);
  assert.deepEqual(values(a, '--tmpfs'), ['/home/govm:rw,exec,mode=0755,uid=1000,gid=1000']);
  assert.deepEqual(values(a, '--mount'), [
    'type=bind,source=/home/u/proj,target=/workspace',
    'type=bind,source=/home/u/.govm/cache/go-mod,target=/govm/cache/go-mod',
    'type=bind,source=/home/u/.govm/cache/go-build/1.22.12,target=/govm/cache/go-build',
  ]);
  assert.deepEqual(values(a, '--workdir'), ['/workspace/cmd/tool']);
  assert.deepEqual(values(a, '--env'), ['HOME=/home/govm', 'GOTOOLCHAIN=local']);
  assert.deepEqual(a.slice(-4), ['golang:1.22.12', 'go', 'test', './...']);
  assert.ok(!a.includes('-v') && !a.includes('--volume'), 'bind mounts, never named volumes');
});

const cases: { name: string; spec: Partial<RunSpec>; has: string[][]; hasNot?: string[] }[] = [
  { name: 'limits pass through', spec: { limits: { cpus: '1.5', memory: '2g', pidsLimit: '256', network: 'none' } }, has: [['--cpus', '1.5'], ['--memory', '2g'], ['--pids-limit', '256'], ['--network', 'none']] },
  { name: 'no limits, no flags', spec: {}, has: [], hasNot: ['--cpus', '--memory', '--pids-limit', '--network'] },
  { name: '--read-only-src mounts the project readonly', spec: { readOnlySrc: true }, has: [['--mount', 'type=bind,source=/home/u/proj,target=/workspace,readonly']] },
  { name: 'interactive with a terminal', spec: { interactive: true, tty: true }, has: [['-i'], ['-t']] },
  { name: 'no terminal: neither -i nor -t', spec: {}, has: [], hasNot: ['-i', '-t'] },
  { name: 'workdir at the root', spec: { workdir: '' }, has: [['--workdir', '/workspace']] },
  { name: 'Windows-style relative workdir', spec: { workdir: 'a\\b\\' }, has: [['--workdir', '/workspace/a/b']] },
  { name: 'an image known to be there: --pull never', spec: { pullNever: true }, has: [['--pull', 'never']] },
  { name: 'otherwise the engine\'s own pull policy', spec: {}, has: [], hasNot: ['--pull'] },
  { name: 'labels', spec: { labels: { 'io.govm.sandbox': 'matrix' } }, has: [['--label', 'io.govm.sandbox=matrix']] },
  { name: 'rootless podman keeps the host identity with keep-id', spec: { engine: 'podman', rootless: true }, has: [['--userns=keep-id'], ['--tmpfs', '/home/govm:rw,exec,mode=1777']], hasNot: ['--user'] },
  { name: 'rootful podman uses --user; its tmpfs takes no uid= option', spec: { engine: 'podman', rootless: false }, has: [['--user', '1000:1000'], ['--tmpfs', '/home/govm:rw,exec,mode=1777']], hasNot: ['--userns=keep-id'] },
  { name: 'no uid on the host: the image user, world-writable HOME', spec: { user: undefined }, has: [['--tmpfs', '/home/govm:rw,exec,mode=1777']], hasNot: ['--user'] },
];
for (const c of cases) {
  test(`run args: ${c.name}`, () => {
    const a = buildRunArgs({ ...BASE, ...c.spec });
    const imageAt = a.indexOf(BASE.image);
    for (const seq of c.has) {
      const at = a.findIndex((_, i) => seq.every((s, j) => a[i + j] === s));
      assert.ok(at !== -1 && at < imageAt, `${seq.join(' ')} before the image in: ${a.join(' ')}`);
    }
    for (const f of c.hasNot ?? []) assert.ok(!a.slice(0, imageAt).includes(f), `${f} absent`);
  });
}

test('a command that looks like flags stays after the image', () => {
  const a = buildRunArgs({ ...BASE, command: ['--rm', '-v', '/:/host'] });
  assert.deepEqual(a.slice(-4), ['golang:1.22.12', '--rm', '-v', '/:/host']);
});

test('mount paths with commas are refused (they would split --mount)', () => {
  assert.throws(() => buildRunArgs({ ...BASE, projectRoot: '/tmp/a,b' }), { code: 'E_USAGE' });
});

test('sandboxEnv: only the allowlist from the host, plus govm\'s own, plus explicit -e', () => {
  const host = {
    PATH: '/usr/bin', HOME: '/root', AWS_SECRET_ACCESS_KEY: 'x', SSH_AUTH_SOCK: '/s', GOROOT: '/usr/lib/go',
    GOPROXY: 'https://proxy.example', GOPRIVATE: 'corp.example', CGO_ENABLED: '0', GOFLAGS: '-mod=mod', EMPTY: '', MYVAR: 'host-value',
  };
  const env = sandboxEnv(host, ['EXTRA=1', 'MYVAR', 'MISSING', 'GOPROXY=off']);
  assert.deepEqual(env, {
    HOME: '/home/govm',
    GOMODCACHE: '/govm/cache/go-mod',
    GOCACHE: '/govm/cache/go-build',
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOPRIVATE: 'corp.example',
    CGO_ENABLED: '0',
    GOFLAGS: '-mod=mod -buildvcs=false',
    EXTRA: '1',
    MYVAR: 'host-value',
  });
  assert.deepEqual([...ENV_ALLOWLIST].sort(), ['CGO_ENABLED', 'GOARCH', 'GOEXPERIMENT', 'GOFLAGS', 'GOINSECURE', 'GONOPROXY', 'GONOSUMDB', 'GOOS', 'GOPRIVATE', 'GOPROXY']);
  assert.throws(() => sandboxEnv({}, ['BAD KEY=1']), { code: 'E_USAGE' });
  assert.throws(() => sandboxEnv({}, ['=x']), { code: 'E_USAGE' });
});

test('GOTOOLCHAIN stays local unless explicitly overridden with -e', () => {
  assert.equal(sandboxEnv({ GOTOOLCHAIN: 'auto' }, []).GOTOOLCHAIN, 'local');
  assert.equal(sandboxEnv({}, ['GOTOOLCHAIN=go1.23.0']).GOTOOLCHAIN, 'go1.23.0');
});

test('withBuildVcsOff respects an explicit -buildvcs', () => {
  const cases: [string | undefined, string][] = [
    [undefined, '-buildvcs=false'],
    ['', '-buildvcs=false'],
    ['-mod=vendor  -trimpath', '-mod=vendor -trimpath -buildvcs=false'],
    ['-buildvcs=true', '-buildvcs=true'],
    ['-buildvcs', '-buildvcs'],
  ];
  for (const [input, want] of cases) assert.equal(withBuildVcsOff(input), want, String(input));
});

test('checkLimits rejects malformed values before the engine sees them', () => {
  const bad: Record<string, string>[] = [{ cpus: 'two' }, { cpus: '0' }, { memory: '2 gigs' }, { pidsLimit: 'many' }, { network: '--privileged' }, { network: 'a b' }];
  for (const l of bad) assert.throws(() => checkLimits(l), { code: 'E_USAGE' }, JSON.stringify(l));
  for (const l of [{ cpus: '2' }, { cpus: '.5' }, { memory: '512m' }, { memory: '2G' }, { pidsLimit: '-1' }, { network: 'none' }, { network: 'my_net-1' }]) {
    assert.doesNotThrow(() => checkLimits(l), JSON.stringify(l));
  }
});

test('container names: govm- prefix, engine-safe characters', () => {
  assert.equal(containerName('run', '1.22.12', 'a1b2c3'), 'govm-run-1.22.12-a1b2c3');
  assert.equal(containerName('matrix', '1.22.12-linux/arm64', 'ff'), 'govm-matrix-1.22.12-linux-arm64-ff');
  assert.match(containerName('Shell', 'weird version!', 'X'), /^govm-shell-weird-version-x$/);
});

// `govm sandbox` against a real engine: --local images built from a real
// installed toolchain over a registry-free base image, identity, mounts,
// environment, limits, exit codes, signals, and the three distinct errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { prereq } from '../../helpers/prereq.js';
import { GOVM_BIN, runGovm } from '../../helpers/cli.js';
import { baseImagePresent, containersFor, docker, dockerReachable, govmEnv, IS_ROOT, makeHome, makeProject, SANDBOX_UID, toolchain, USER_FLAGS } from './env.js';

const TIMEOUT = { timeout: 15 * 60_000 };

function ready(t: import('node:test').TestContext): { name: string; root: string } | undefined {
  if (!prereq(t, dockerReachable(), 'no reachable Docker engine (scripts/ci/docker.sh starts one)')) return undefined;
  if (!prereq(t, baseImagePresent(), 'base image debian:bookworm-slim missing (scripts/ci/docker.sh imports one)')) return undefined;
  const tc = toolchain('1.22');
  if (!prereq(t, tc !== undefined, 'Debian golang-1.22-go is not installed')) return undefined;
  return tc;
}

test('sandbox run --local: go test in a sample module, in a container built from the installed toolchain', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  const r = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'go', 'test', '-count=1', '-v', './...'], { cwd: proj, env: govmEnv(home) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /--- PASS: TestMedian/);
  assert.match(r.stdout, /ok\s+example\.com\/stdslices/);
  // The image is labelled with its content key and holds the host toolchain.
  const inspect = docker(['image', 'inspect', '--format', '{{index .Config.Labels "io.govm.key"}} {{index .Config.Labels "io.govm.go-version"}}', 'govm-local/go:1.22.12-debian-bookworm-slim']);
  assert.match(inspect.stdout.trim(), /^govm-local-image\/v\d+ go1\.22\.12 sha256:[0-9a-f]{64} 1\.22\.12$/);
  // Caches persisted under GOVM_HOME: the module cache and this version's build cache.
  assert.ok(existsSync(join(home, 'cache', 'go-build', '1.22.12', 'README')) || statSync(join(home, 'cache', 'go-build', '1.22.12')).isDirectory());
  assert.deepEqual(containersFor(proj), [], 'no container left behind');
});

test('sandbox run: identity, relative workdir, HOME, GOTOOLCHAIN, VCS stamping, env allowlist', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  const script = [
    'id -u; id -g; pwd; echo "HOME=$HOME"; touch "$HOME/writable" && echo home-ok',
    'go env GOTOOLCHAIN GOFLAGS GOMODCACHE GOCACHE GOPROXY',
    'echo "SECRET=${SECRET_TOKEN:-unset} EXPLICIT=${EXPLICIT:-unset} PASSED=${PASSED:-unset}"',
    'cd /workspace && git init -q . 2>/dev/null; go build ./... && echo build-ok',
  ].join('; ');
  const r = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '-e', 'EXPLICIT=yes', '-e', 'PASSED', '--', 'sh', '-c', script], {
    cwd: proj,
    env: govmEnv(home, { SECRET_TOKEN: 'hunter2', PASSED: 'from-host', GOPROXY: 'off', GOTOOLCHAIN: 'auto' }),
  });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, 5), [String(SANDBOX_UID), String(IS_ROOT ? 1000 : process.getgid!()), '/workspace', 'HOME=/home/govm', 'home-ok']);
  assert.deepEqual(lines.slice(5, 10), ['local', '-buildvcs=false', '/govm/cache/go-mod', '/govm/cache/go-build', 'off']);
  assert.equal(lines[10], 'SECRET=unset EXPLICIT=yes PASSED=from-host');
  assert.equal(lines.at(-1), 'build-ok');
});

test('files created in the mount belong to the host user, never root', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  const r = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'sh', '-c', 'mkdir -p out && go test -c -o out/stats.test . && echo made > out/note.txt'], { cwd: proj, env: govmEnv(home) });
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['out', 'out/stats.test', 'out/note.txt']) {
    const st = statSync(join(proj, f));
    assert.equal(st.uid, SANDBOX_UID, `${f} owner`);
    assert.notEqual(st.uid, 0, `${f} is not root's`);
  }
  // The build cache on the host is the user's too.
  assert.equal(statSync(join(home, 'cache', 'go-build', '1.22.12')).uid, SANDBOX_UID);
});

test('exit codes are propagated exactly; --read-only-src makes the project read-only', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  for (const code of [0, 1, 3, 42, 125]) {
    const r = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'sh', '-c', `exit ${code}`], { cwd: proj, env: govmEnv(home) });
    assert.equal(r.code, code, r.stderr);
  }
  const ro = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', '--read-only-src', ...USER_FLAGS, '--', 'sh', '-c', 'touch /workspace/x 2>/dev/null && echo wrote || echo read-only'], { cwd: proj, env: govmEnv(home) });
  assert.equal(ro.stdout.trim(), 'read-only');
  assert.equal(existsSync(join(proj, 'x')), false);
});

async function startSleeping(t: import('node:test').TestContext, extra: string[], env: Record<string, string> = {}) {
  const tc = ready(t);
  if (!tc) return undefined;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  // Build (or find) the image first so the container starts promptly.
  const warm = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, '--', 'true'], { cwd: proj, env: govmEnv(home) });
  assert.equal(warm.code, 0, warm.stderr);
  const child = spawn(process.execPath, [GOVM_BIN, 'sandbox', 'run', '--local', '--go', '1.22', ...USER_FLAGS, ...extra, '--', 'sleep', '300'], {
    cwd: proj, env: govmEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal })));
  t.after(() => {
    child.kill('SIGKILL');
    for (const n of containersFor(proj)) docker(['rm', '-f', n]);
  });
  let names: string[] = [];
  for (let i = 0; i < 240 && names.length === 0; i++) {
    await sleep(250);
    names = containersFor(proj, false);
  }
  assert.equal(names.length, 1, `one running sandbox container; govm stderr: ${stderr}`);
  assert.match(names[0]!, /^govm-run-1\.22\.12-[0-9a-f]{6}$/);
  return { child, exited, name: names[0]!, proj, stderr: () => stderr };
}

test('docker inspect of a running sandbox shows the CPU, memory and pids limits; Ctrl-C removes it and exits 130', TIMEOUT, async (t) => {
  const s = await startSleeping(t, ['--cpus', '1.5', '--memory', '256m', '--pids-limit', '100', '--network', 'none']);
  if (!s) return;
  const hc = JSON.parse(docker(['inspect', '--format', '{{json .HostConfig}}', s.name]).stdout) as Record<string, unknown>;
  assert.equal(hc.NanoCpus, 1.5e9);
  assert.equal(hc.Memory, 256 * 1024 * 1024);
  assert.equal(hc.PidsLimit, 100);
  assert.equal(hc.NetworkMode, 'none');
  assert.equal(hc.AutoRemove, true);
  assert.equal(hc.Init, true);
  s.child.kill('SIGINT');
  const { code } = await s.exited;
  assert.equal(code, 130, s.stderr());
  assert.deepEqual(containersFor(s.proj), [], 'no container left after Ctrl-C');
});

for (const [path, env] of [['the Engine API', {}], ['the docker CLI', { GOVM_DOCKER_API: '0' }]] as const) {
  test(`SIGTERM is forwarded (through ${path}): the sandbox stops, exit 143, nothing left behind`, TIMEOUT, async (t) => {
    const s = await startSleeping(t, [], { ...env, GOVM_DEBUG: '1' });
    if (!s) return;
    assert.equal(/through the Engine API/.test(s.stderr()), path === 'the Engine API', s.stderr());
    s.child.kill('SIGTERM');
    const { code } = await s.exited;
    assert.equal(code, 143, s.stderr());
    assert.deepEqual(containersFor(s.proj), []);
  });
}

test('sandbox image build: tagged from a template, cached by content (the second build is instant)', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const tag = 'govm-test/mygo:{version}-bookworm';
  t.after(() => docker(['rmi', 'govm-test/mygo:1.22.12-bookworm', 'govm-test/mygo:1.22-x']));
  const first = await runGovm(['sandbox', 'image', 'build', '1.22', '--tag', tag, '--tag', 'govm-test/mygo:{minor}-x', '--json'], { env: govmEnv(home) });
  assert.equal(first.code, 0, first.stderr);
  const [res] = JSON.parse(first.stdout) as { version: string; image: string; tags: string[] }[];
  assert.equal(res!.version, '1.22.12');
  assert.deepEqual(res!.tags, ['govm-test/mygo:1.22.12-bookworm', 'govm-test/mygo:1.22-x']);
  const ids = res!.tags.map((x) => docker(['image', 'inspect', '--format', '{{.Id}}', x]).stdout.trim());
  assert.equal(ids[0], docker(['image', 'inspect', '--format', '{{.Id}}', res!.image]).stdout.trim());
  assert.equal(ids[0], ids[1]);
  const started = performance.now();
  const again = await runGovm(['sandbox', 'image', 'build', '1.22', '--json'], { env: govmEnv(home) });
  const secs = (performance.now() - started) / 1000;
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { built: boolean }[])[0]!.built, false, 'same version and base: no rebuild');
  assert.ok(secs < 10, `cached image build took ${secs}s`);
  const push = await runGovm(['sandbox', 'image', 'build', '1.22', '--push'], { env: govmEnv(home) });
  assert.equal(push.code, 2);
  assert.match(push.stderr, /--push needs --tag/);
});

test('distinct errors: engine missing, daemon unreachable, image missing offline (with the --local hint)', TIMEOUT, async (t) => {
  const tc = toolchain('1.22');
  if (!prereq(t, tc !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const home = makeHome(t, [tc!]);
  const missing = await runGovm(['sandbox', 'run', '--go', '1.22', '--engine', '/nonexistent/docker', '--', 'go', 'version'], { env: govmEnv(home) });
  assert.equal(missing.code, 8);
  assert.match(missing.stderr, /\[E_ENGINE_MISSING\]/);
  const noPath = await runGovm(['sandbox', 'run', '--go', '1.22', '--', 'go', 'version'], { env: govmEnv(home, { PATH: '/nonexistent' }) });
  assert.equal(noPath.code, 8);
  assert.match(noPath.stderr, /neither docker nor podman is on PATH \[E_ENGINE_MISSING\]/);
  if (!prereq(t, dockerReachable(), 'no reachable Docker engine')) return;
  const unreachable = await runGovm(['sandbox', 'run', '--go', '1.22', '--', 'go', 'version'], { env: govmEnv(home, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' }) });
  assert.equal(unreachable.code, 8);
  assert.match(unreachable.stderr, /daemon is not reachable.*\[E_ENGINE_UNREACHABLE\]/);
  const offline = await runGovm(['sandbox', 'run', '--go', '1.22', '--variant', 'govm-test-nonexistent', '--', 'go', 'version'], { env: govmEnv(home) });
  assert.equal(offline.code, 8);
  assert.match(offline.stderr, /image golang:1\.22\.12-govm-test-nonexistent is not available locally and govm is offline.*\[E_IMAGE_MISSING\]/);
  assert.match(offline.stderr, /hint: use --local/);
  const noBase = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', '--base', 'govm-test/no-such-base:1', '--', 'go', 'version'], { env: govmEnv(home) });
  assert.equal(noBase.code, 8);
  assert.match(noBase.stderr, /govm-test\/no-such-base:1 is not available locally.*\[E_IMAGE_MISSING\]/);
  const bad = await runGovm(['sandbox', 'run', '--go', '1.22', '--memory', 'lots', '--', 'true'], { env: govmEnv(home) });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid --memory 'lots'/);
});

test('the version comes from the project like `govm current`; sandbox shell reads commands from a pipe', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  writeFileSync(join(proj, '.go-version'), '1.22\n');
  const r = await runGovm(['sandbox', 'run', '--local', ...USER_FLAGS, '--', 'go', 'version'], { cwd: proj, env: govmEnv(home) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^go version go1\.22\.12 linux\//);
  const sh = await runGovm(['sandbox', 'shell', '--local', ...USER_FLAGS], { cwd: proj, env: govmEnv(home), input: 'echo "in $(pwd) as $(id -u)"; go env GOVERSION\nexit 7\n' });
  assert.equal(sh.code, 7, sh.stderr);
  assert.equal(sh.stdout, `in /workspace as ${SANDBOX_UID}\ngo1.22.12\n`);
});

test('a base image without /bin/sh: the build fails with the builder\'s reason and a hint, exit 8', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const dir = makeProject(t, 'stdslices');
  const base = `govm-test/nosh-${process.pid}:1`;
  const imported = spawnSync('sh', ['-c', `tar -C "${dir}" -c go.mod | docker import - ${base}`], { encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stderr);
  t.after(() => docker(['rmi', '-f', base]));
  const r = await runGovm(['sandbox', 'run', '--local', '--go', '1.22', '--base', base, '--', 'go', 'version'], { cwd: dir, env: govmEnv(home) });
  assert.equal(r.code, 8);
  assert.match(r.stderr, /docker build of govm-local\/go:1\.22\.12-nosh-\d+-1 failed \(exit 1\): .*\/bin\/sh.* \[E_IMAGE_MISSING\]/);
  assert.match(r.stderr, /hint: the base image needs \/bin\/sh/);
  assert.equal(docker(['ps', '-aq', '--filter', `ancestor=${base}`]).stdout.trim(), '', 'the failed build left no intermediate container');
});

test('an image a sandbox ran on is reused at once and checked alongside; a removed image or a moved base is prepared again', TIMEOUT, async (t) => {
  const tc = ready(t);
  if (!tc) return;
  const home = makeHome(t, [tc]);
  const proj = makeProject(t, 'stdslices');
  const base = `govm-test/base-${process.pid}:moving`;
  const ref = `govm-local/go:1.22.12-base-${process.pid}-moving`;
  assert.equal(docker(['tag', 'debian:bookworm-slim', base]).code, 0);
  t.after(() => docker(['rmi', '-f', ref, base]));
  const run = () =>
    runGovm(['sandbox', 'run', '--local', '--go', '1.22', '--base', base, ...USER_FLAGS, '--', 'go', 'env', 'GOVERSION'], { cwd: proj, env: govmEnv(home, { GOVM_DEBUG: '1' }) });
  const keyOf = () => docker(['image', 'inspect', '--format', '{{index .Config.Labels "io.govm.key"}}', ref]).stdout.trim();
  const baseId = () => docker(['image', 'inspect', '--format', '{{.Id}}', base]).stdout.trim();

  // First run: checked first, built, remembered.
  const first = await run();
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, 'go1.22.12\n');
  assert.match(first.stderr, /building govm-local\/go:1\.22\.12-base-/);
  assert.doesNotMatch(first.stderr, /checked alongside/);
  const seen = JSON.parse(readFileSync(join(home, 'cache', 'sandbox-images.json'), 'utf8')) as Record<string, Record<string, string>>;
  assert.ok(Object.values(seen).some((refs) => ref in refs), JSON.stringify(seen));

  // Second run: started at once with --pull never, the image checked alongside; nothing rebuilt.
  const second = await run();
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout, 'go1.22.12\n');
  assert.match(second.stderr, / --pull never .*\(.*image checked alongside\)/);
  assert.doesNotMatch(second.stderr, /building|preparing/);

  // The base moves to another image: noticed by the check, the container stopped, the image rebuilt over the new base.
  const before = keyOf();
  const tmp = `govm-test-commit-${process.pid}`;
  assert.equal(docker(['create', '--name', tmp, base, 'true']).code, 0);
  assert.equal(docker(['commit', '--change', 'LABEL io.govm.test=moved', tmp, base]).code, 0);
  docker(['rm', '-f', tmp]);
  const moved = await run();
  assert.equal(moved.code, 0, moved.stderr);
  assert.equal(moved.stdout, 'go1.22.12\n', 'the command ran once');
  assert.match(moved.stderr, /was built over another govm-test\/base-\d+:moving or by another recipe: preparing it again/);
  assert.match(moved.stderr, /building /);
  assert.notEqual(keyOf(), before);
  assert.ok(keyOf().endsWith(baseId()), 'the image now names the new base');

  // The image is removed behind govm's back: noticed, rebuilt, run.
  assert.equal(docker(['rmi', '-f', ref]).code, 0);
  const removed = await run();
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(removed.stdout, 'go1.22.12\n');
  assert.match(removed.stderr, /is not on the engine any more: preparing it again/);
  assert.deepEqual(containersFor(proj), [], 'no container left behind by the stopped attempts');
});

// `govm doctor` on a real set-up: a temp GOVM_HOME whose 1.22.12 is Debian's
// real GOROOT (symlinked), synced shims, a project, and a second Go earlier on
// PATH. First the classic breakage (stale GOROOT from a profile — which really
// makes `go build` fail with "does not match go tool version" — another go
// shadowing the shims, GOTOOLCHAIN=auto, no shell integration): doctor fails
// with exit 10 and names each problem and its fix. Then the fixes are applied
// and the same doctor is green.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncShims } from '../../../src/integrations/shims/sync.js';
import { Layout } from '../../../src/stores/home.js';
import { GOVM_BIN, run, runGovm } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { debianToolchain } from '../shells/fixture.js';

const go121 = debianToolchain('1.21');
const go122 = debianToolchain('1.22');

interface DoctorJson {
  ok: boolean;
  checks: Array<{ id: string; status: string; ok: boolean; found: string; fix: string | null }>;
}

test('doctor: a broken set-up fails with the reasons and fixes, then turns green once fixed', async (t) => {
  if (!prereq(t, go121 !== undefined && go122 !== undefined, 'Debian golang-1.21-go and golang-1.22-go are not installed')) return;
  const base = mkdtempSync(join(tmpdir(), 'govm-doctor ü-'));
  const home = join(base, 'govm home');
  const layout = new Layout(home);
  mkdirSync(layout.versions, { recursive: true });
  const root = layout.version(go122!.name);
  symlinkSync(go122!.root, root);
  writeFileSync(layout.globalFile, '1.22\n');
  await syncShims(layout, 'linux', { govm: { node: process.execPath, cli: GOVM_BIN } });
  const project = join(base, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
  writeFileSync(join(project, 'main.go'), 'package main\n\nfunc main() {}\n');
  const other = join(base, 'usr local go', 'bin');
  mkdirSync(other, { recursive: true });
  symlinkSync(join(go121!.root, 'bin', 'go'), join(other, 'go'));
  const gopathBin = join(base, 'gopath', 'bin');
  const sys = ['/usr/bin', '/bin'];
  const common = { HOME: base, LANG: 'C.UTF-8', NO_COLOR: '1', GOVM_HOME: home, GOPATH: join(base, 'gopath'), GOCACHE: join(base, 'gocache') };

  const broken = { ...common, PATH: [other, layout.shims, gopathBin, ...sys].join(':'), GOROOT: go121!.root, GOTOOLCHAIN: 'auto' };
  // The failure doctor warns about is real: the resolved go with the stale GOROOT cannot build.
  const build = await run(join(root, 'bin', 'go'), ['build', '-o', join(base, 'out'), '.'], { cwd: project, env: { ...broken, GOTOOLCHAIN: 'local' } });
  assert.notEqual(build.code, 0);
  assert.match(build.stderr, /compile: version "go1\.21\.\d+" does not match go tool version "go1\.22\.\d+"/);

  const bad = await runGovm(['doctor', '--json'], { cwd: project, env: broken });
  assert.equal(bad.code, 10, bad.stderr);
  assert.match(bad.stderr, /E_DOCTOR/);
  const j = JSON.parse(bad.stdout) as DoctorJson;
  assert.equal(j.ok, false);
  const failed = Object.fromEntries(j.checks.filter((c) => !c.ok).map((c) => [c.id, c]));
  assert.deepEqual(Object.keys(failed).sort(), ['go-env-goroot', 'goroot-env', 'gotoolchain', 'no-shadowing-go', 'shell-integration']);
  assert.match(failed['no-shadowing-go']!.found, new RegExp(`go in ${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} comes before govm's`));
  assert.match(failed['goroot-env']!.found, /does not match go tool version/);
  assert.match(failed['goroot-env']!.fix!, /unset GOROOT/);
  assert.match(failed['go-env-goroot']!.found, new RegExp(`says GOROOT=${go121!.root}`));
  assert.match(failed.gotoolchain!.fix!, /GOTOOLCHAIN=local/);
  assert.match(failed['shell-integration']!.fix!, /eval "\$\(govm init bash\)"/);
  const passed = j.checks.filter((c) => c.ok).map((c) => c.id);
  for (const id of ['shims-on-path', 'version-resolves', 'module-go-line', 'gobin-on-path', 'folder-permissions']) assert.ok(passed.includes(id), id);
  assert.equal(j.checks.find((c) => c.id === 'windows-conflicts')?.status, 'skip');

  // Human output: ✓/✗ lines with the fix under each failure.
  const text = await runGovm(['doctor'], { cwd: project, env: broken });
  assert.equal(text.code, 10);
  assert.match(text.stdout, /^✗ no other go comes first on PATH: .*\n {4}fix: /m);
  assert.match(text.stdout, /^✓ govm shims are on PATH: /m);

  // The fixes: shims first (the init snippet), no GOROOT, no GOTOOLCHAIN=auto.
  const init = await runGovm(['init', 'bash'], { env: broken });
  const fixedScript = `unset GOROOT GOTOOLCHAIN; ${init.stdout}\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(GOVM_BIN)} doctor --json`;
  const good = await run('bash', ['--norc', '--noprofile', '-c', fixedScript], { cwd: project, env: broken });
  assert.equal(good.code, 0, good.stdout + good.stderr);
  const g = JSON.parse(good.stdout) as DoctorJson;
  assert.equal(g.ok, true);
  assert.deepEqual(g.checks.filter((c) => !c.ok), []);
  assert.match(g.checks.find((c) => c.id === 'go-env-goroot')!.found, new RegExp(`go env GOROOT = ${go122!.root}|${root}`));
  // And the build that failed now works through the shims.
  const rebuilt = await run('bash', ['--norc', '--noprofile', '-c', `unset GOROOT GOTOOLCHAIN; ${init.stdout}\ngo build -o '${join(base, 'out')}' . && echo built`], { cwd: project, env: broken });
  assert.equal(rebuilt.stdout, 'built\n', rebuilt.stderr);
});

test('doctor: go.mod newer than the version a nearer .go-version selects, and a world-writable versions folder', async (t) => {
  if (!prereq(t, go122 !== undefined, 'Debian golang-1.22-go is not installed')) return;
  const base = mkdtempSync(join(tmpdir(), 'govm-doctor-'));
  const home = join(base, 'home');
  const layout = new Layout(home);
  mkdirSync(layout.versions, { recursive: true });
  symlinkSync(go122!.root, layout.version(go122!.name));
  chmodSync(layout.versions, 0o777);
  writeFileSync(layout.globalFile, '1.22\n');
  const project = join(base, 'p', 'deep');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(base, 'p', 'go.mod'), 'module x\n\ngo 1.23.4\n');
  writeFileSync(join(project, '.go-version'), '1.22\n'); // nearer than go.mod: selects 1.22
  const r = await runGovm(['doctor', '--json'], { cwd: project, env: { HOME: base, GOVM_HOME: home, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } });
  assert.equal(r.code, 10);
  const j = JSON.parse(r.stdout) as DoctorJson;
  const mod = j.checks.find((c) => c.id === 'module-go-line')!;
  assert.equal(mod.ok, false);
  assert.match(mod.found, /go\.mod says go 1\.23\.4 but 1\.22\.\d+ is resolved/);
  assert.equal(mod.fix, 'govm install 1.23.4 && govm use 1.23.4');
  const perm = j.checks.find((c) => c.id === 'folder-permissions')!;
  assert.equal(perm.ok, false);
  assert.match(perm.fix!, new RegExp(`chmod o-w ${layout.versions}`));
});

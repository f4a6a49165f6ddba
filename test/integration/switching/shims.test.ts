// POSIX shims beyond the resolution table: environment they set, programs
// other than go, sync (stale shims removed, marker), no Node.js or external
// command on the common path, and auto-install through a loopback mirror.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { syncShims } from '../../../src/integrations/shims/sync.js';
import { Layout } from '../../../src/stores/home.js';
import { cleanEnv, GOVM_BIN } from '../../helpers/cli.js';
import { e2eMirrorDir, startMirror } from '../../helpers/e2e-mirror.js';
import { prereq } from '../../helpers/prereq.js';
import { buildHome, makeTmp, toolchainsPresent, toolchainsReason } from '../../conformance/fixture.js';
import { govmQuiet, runQuiet } from '../../conformance/run.js';

let tmp = '';
before(async () => {
  tmp = await makeTmp('govm shims ü-');
});
after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function setup(name: string, files: Record<string, string> = {}) {
  const home = join(tmp, `${name} home`);
  const proj = join(tmp, `${name} proj ä`);
  await buildHome(home);
  await mkdir(proj, { recursive: true });
  for (const [f, text] of Object.entries(files)) await writeFile(join(proj, f), text);
  const empty = join(tmp, 'empty');
  await mkdir(empty, { recursive: true });
  const env = cleanEnv({ GOVM_HOME: home, PATH: `${join(home, 'shims')}:${empty}`, PWD: proj });
  return { home, proj, env, shims: join(home, 'shims') };
}

test('GOTOOLCHAIN=local unless the user set it; GOROOT is the version', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const s = await setup('env', { 'go.mod': 'module x\ngo 1.22\n' });
  const r = await runQuiet('/bin/sh', [join(s.shims, 'go'), 'env', 'GOTOOLCHAIN', 'GOROOT'], { cwd: s.proj, env: { ...s.env, GOROOT: '/usr/lib/go-1.19' } });
  assert.equal(r.stdout, `local\n${join(s.home, 'versions', '1.22.12')}\n`, r.stderr);
  const own = await runQuiet('/bin/sh', [join(s.shims, 'go'), 'env', 'GOTOOLCHAIN'], { cwd: s.proj, env: { ...s.env, GOTOOLCHAIN: 'path' } });
  assert.equal(own.stdout, 'path\n', own.stderr);
});

test('arguments pass through verbatim (spaces, quotes, globs, empty) and the exit code is the program\'s own', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const s = await setup('args', { '.go-version': '1.24.0' });
  // A fake version whose `go` prints its arguments and GOROOT, then exits 3.
  const fake = join(s.home, 'versions', '1.24.0');
  await mkdir(join(fake, 'bin'), { recursive: true });
  await writeFile(join(fake, 'bin', 'go'), '#!/bin/sh\nfor a in "$@"; do printf "[%s]\\n" "$a"; done\necho "GOROOT=$GOROOT"\nexit 3\n');
  await chmod(join(fake, 'bin', 'go'), 0o755);
  for (const sh of ['/bin/dash', '/bin/bash']) {
    if (!existsSync(sh)) continue;
    const r = await runQuiet(sh, [join(s.shims, 'go'), 'a b', '*', '', '$(x)', "it's", '-x'], { cwd: s.proj, env: s.env });
    assert.equal(r.stdout, `[a b]\n[*]\n[]\n[$(x)]\n[it's]\n[-x]\nGOROOT=${fake}\n`, `${sh}: ${r.stderr}`);
    assert.equal(r.code, 3, sh);
  }
});

test('gofmt and every program of bin/ get a shim; stale ones are removed on sync', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const s = await setup('sync', { '.go-version': '1.21' });
  await writeFile(join(s.proj, 'x.go'), 'package x\nfunc  F( ) {}\n');
  const r = await runQuiet('/bin/sh', [join(s.shims, 'gofmt'), '-l', '.'], { cwd: s.proj, env: s.env });
  assert.equal(r.stdout, 'x.go\n', r.stderr);
  // A version with an extra program gets a shim for it; removing the version removes the shim.
  const fake = join(s.home, 'versions', '1.24.0');
  await mkdir(join(fake, 'bin'), { recursive: true });
  await writeFile(join(fake, 'bin', 'extra-tool'), '#!/bin/sh\necho extra "$GOROOT"\n');
  await chmod(join(fake, 'bin', 'extra-tool'), 0o755);
  await syncShims(new Layout(s.home), 'linux', { govm: null });
  assert.deepEqual((await readdir(s.shims)).sort(), ['.govm', 'extra-tool', 'go', 'gofmt']);
  const extra = await runQuiet('/bin/sh', [join(s.shims, 'extra-tool')], { cwd: s.proj, env: { ...s.env, GOVM_GO_VERSION: '1.24.0' } });
  assert.equal(extra.stdout, `extra ${fake}\n`, extra.stderr);
  const none = await runQuiet('/bin/sh', [join(s.shims, 'extra-tool')], { cwd: s.proj, env: s.env });
  assert.equal(none.code, 127);
  assert.match(none.stderr, /^govm: Go 1\.21\.13 has no program extra-tool\n$/);
  await rm(fake, { recursive: true });
  await syncShims(new Layout(s.home), 'linux', { govm: null });
  assert.deepEqual((await readdir(s.shims)).sort(), ['.govm', 'go', 'gofmt']);
  assert.equal(readFileSync(join(s.shims, '.govm'), 'utf8'), '\n\n', 'no govm recorded: shims use govm from PATH');
});

test('the common path starts no Node.js and no external command', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const s = await setup('lean', { 'go.mod': 'module x\n\ngo 1.22.0\n' });
  // A govm that cannot start, and a PATH with nothing but the shims: only built-ins can succeed.
  await syncShims(new Layout(s.home), 'linux', { govm: { node: '/nonexistent/node', cli: '/nonexistent/govm.mjs' } });
  for (const sh of ['/bin/dash', '/bin/bash']) {
    if (!existsSync(sh)) continue;
    const r = await runQuiet(sh, [join(s.shims, 'go'), 'version'], { cwd: s.proj, env: s.env });
    assert.match(r.stdout, /^go version go1\.22\.12 /, `${sh}: ${r.stderr}`);
  }
});

test('a go found on PATH inside another govm shims folder is not the system Go', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const s = await setup('sys');
  const other = await setup('sys-other');
  const sysBin = join(tmp, 'sys bin');
  await mkdir(sysBin, { recursive: true });
  await symlink('/usr/lib/go-1.21/bin/go', join(sysBin, 'go'));
  const env = { ...s.env, PATH: `${s.shims}:${other.shims}:${sysBin}` };
  const r = await runQuiet('/bin/sh', [join(s.shims, 'go'), 'version'], { cwd: s.proj, env });
  assert.match(r.stdout, /^go version go1\.21\.13 /, r.stderr);
  const cur = await govmQuiet(['current', '--json'], { cwd: s.proj, env });
  assert.equal(JSON.parse(cur.stdout).file, join(sysBin, 'go'));
});

test('not installed: one line naming the install command, exit 127, nothing run', async (t) => {
  if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
  const s = await setup('missing', { '.go-version': '1.20.5\n' });
  const r = await runQuiet('/bin/sh', [join(s.shims, 'go'), 'version'], { cwd: s.proj, env: s.env });
  assert.equal(r.code, 127);
  assert.equal(r.stderr, `govm: Go 1.20.5 (from ${join(s.proj, '.go-version')}) is not installed; run: govm install 1.20.5\n`);
});

test('auto-install through the shim: GOVM_AUTO_INSTALL=1, and config autoInstall baked at sync', async (t) => {
  const dir = e2eMirrorDir();
  if (!prereq(t, dir !== undefined, 'the e2e mirror (scripts/ci/toolchains.sh)')) return;
  const mirror = await startMirror(dir!);
  t.after(() => mirror.close());
  const home = join(tmp, 'auto home é');
  const proj = join(tmp, 'auto proj');
  await mkdir(proj, { recursive: true });
  await writeFile(join(proj, '.go-version'), '1.22\n');
  await syncShims(new Layout(home), 'linux', { govm: { node: process.execPath, cli: GOVM_BIN } });
  const empty = join(tmp, 'empty');
  await mkdir(empty, { recursive: true });
  const env = cleanEnv({ GOVM_HOME: home, PATH: `${join(home, 'shims')}:${empty}`, PWD: proj, GOVM_MIRROR: mirror.url, GOVM_INDEX_URL: mirror.indexUrl });
  const r = await runQuiet('/bin/sh', [join(home, 'shims', 'go'), 'version'], { cwd: proj, env: { ...env, GOVM_AUTO_INSTALL: '1' }, timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^go version go1\.22\.12 /, 'stdout carries only go\'s output; install logs go to stderr');
  assert.ok(existsSync(join(home, 'versions', '1.22.12', 'bin', 'go')));

  // The config setting: `govm config set` re-syncs the shims with autoInstall baked in.
  await writeFile(join(proj, '.go-version'), '1.21\n');
  const set = await govmQuiet(['config', 'set', 'autoInstall', 'true'], { cwd: proj, env });
  assert.equal(set.code, 0, set.stderr);
  assert.match(readFileSync(join(home, 'shims', 'go'), 'utf8'), /^__govm_auto=1$/m);
  const off = await runQuiet('/bin/sh', [join(home, 'shims', 'go'), 'version'], { cwd: proj, env: { ...env, GOVM_AUTO_INSTALL: '0' } });
  assert.equal(off.code, 127, 'the environment still wins over the baked setting');
  // Baked on, no variable: the shim runs `govm install 1.21` (here against a closed port, so it fails fast
  // with govm's network error instead of the shim's own "not installed" line).
  const dead = { ...env, GOVM_INDEX_URL: 'http://127.0.0.1:9/?mode=json', GOVM_MIRROR: 'http://127.0.0.1:9/', GOVM_RETRIES: '0' };
  const on = await runQuiet('/bin/sh', [join(home, 'shims', 'go'), 'version'], { cwd: proj, env: dead, timeoutMs: 60_000 });
  assert.notEqual(on.code, 0);
  assert.doesNotMatch(on.stderr, /is not installed; run:/, on.stderr);
  assert.match(on.stderr, /\[E_NETWORK\]|\[E_HTTP_STATUS\]/, on.stderr);
});

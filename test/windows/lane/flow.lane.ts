// The Windows lane's main story, on real Windows binaries under Wine: the govm
// bundle run by Windows node.exe, two Windows Go toolchains (.zip) from a
// loopback mirror, the native shims, cmd.exe. Tests run in order and share
// one GOVM_HOME: %LOCALAPPDATA%\govm = C:\users\govm ci\AppData\Local\govm.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMirror, type Mirror } from '../../helpers/e2e-mirror.js';
import { makeZip } from '../../helpers/archives.js';
import { prereq } from '../../helpers/prereq.js';
import { cmd, govm, loadLane, localAppData, toWin, wine, type WineOptions } from '../helpers/wine.js';

const lane = loadLane();
const NEW = '1.22.12';
const OLD = '1.21.13';
const EVIL = '1.19.99';

let mirror: Mirror;
let mirrorDir: string;
let work: string; // Linux path of C:\govm lane\<run> (a space, as users' folders have)
let home: { win: string; linux: string };
let shims: string; // Windows path of the shims folder
let baseEnv: Record<string, string>;

function opts<T extends WineOptions>(extra: T = {} as T): T {
  return { ...extra, env: { ...baseEnv, ...extra.env } };
}

function indexEntry(version: string, filename: string, sha: string, size: number): object {
  return { version: `go${version}`, stable: true, files: [{ filename, os: 'windows', arch: 'amd64', version: `go${version}`, sha256: sha, size, kind: 'archive' }] };
}

function project(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/** `go version` through the shims from `cmd /c` in a folder. */
async function goVersionIn(dir: string, extra: WineOptions = {}): Promise<string> {
  const r = await cmd(lane!, [`cd /d "${toWin(lane!, dir)}"`, 'go version', 'exit /b %ERRORLEVEL%'], opts({ dir: work, path: [shims], ...extra }));
  assert.equal(r.code, 0, `go version in ${dir}: ${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

describe('Windows lane: govm under Wine with real Windows Go toolchains', { concurrency: false }, () => {
  before(async () => {
    if (!lane) return;
    home = { win: `${localAppData(lane).win}\\govm`, linux: join(localAppData(lane).linux, 'govm') };
    rmSync(home.linux, { recursive: true, force: true });
    shims = `${home.win}\\shims`;
    mkdirSync(join(lane.prefix, 'drive_c', 'govm lane'), { recursive: true });
    work = mkdtempSync(join(lane.prefix, 'drive_c', 'govm lane', 'run '));
    // The loopback mirror: the two real archives and a zip-slip one, with a go.dev-shaped index.
    mirrorDir = mkdtempSync(join(tmpdir(), 'govm-win-mirror-'));
    const index: object[] = [];
    for (const name of lane.archives) {
      const version = /^go(.+)\.windows-amd64\.zip$/.exec(name)![1]!;
      symlinkSync(join(lane.toolchains, name), join(mirrorDir, name));
      const sha = readFileSync(join(lane.toolchains, `${name}.sha256`), 'utf8').trim();
      writeFileSync(join(mirrorDir, `${name}.sha256`), sha);
      index.push(indexEntry(version, name, sha, statSync(join(lane.toolchains, name)).size));
    }
    const evil = makeZip([
      { name: 'go/', type: 'dir' },
      { name: 'go/VERSION', body: `go${EVIL}\n` },
      { name: 'go/bin/go.exe', body: 'MZ not really' },
      { name: 'go/../../govm-zipslip-pwned.txt', body: 'escaped\n' },
    ]);
    const evilName = `go${EVIL}.windows-amd64.zip`;
    writeFileSync(join(mirrorDir, evilName), evil);
    const evilSha = createHash('sha256').update(evil).digest('hex');
    writeFileSync(join(mirrorDir, `${evilName}.sha256`), evilSha);
    index.push(indexEntry(EVIL, evilName, evilSha, evil.length));
    writeFileSync(join(mirrorDir, 'index.json'), JSON.stringify(index));
    mirror = await startMirror(mirrorDir);
    baseEnv = { GOVM_MIRROR: mirror.url, GOVM_INDEX_URL: mirror.indexUrl };
  });

  after(async () => {
    await mirror?.close();
    if (mirrorDir) rmSync(mirrorDir, { recursive: true, force: true });
  });

  it('has its prerequisites (Wine prefix, node.exe, Windows toolchains)', (t) => {
    prereq(t, lane !== undefined, 'the Windows lane is not set up (run: npm run test:windows)');
    assert.ok(lane!.archives.length >= 2, `two Windows toolchains, got ${lane!.archives.join(', ')}`);
  });

  it('runs the bundle with Windows node.exe, GOVM_HOME defaulting to %LOCALAPPDATA%\\govm (a path with a space)', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    assert.match(home.win, / /);
    const r = await wine(lane!, lane!.node, ['-p', 'process.platform + " " + process.env.LOCALAPPDATA'], opts());
    assert.equal(r.stdout.trim(), `win32 ${localAppData(lane!).win}`);
    const v = await govm(lane!, ['--version'], opts());
    assert.equal(v.code, 0, v.stderr);
  });

  it('installs two Windows versions from the loopback mirror (.zip path) and syncs native shims', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['install', NEW, OLD], opts({ timeoutMs: 600_000 }));
    assert.equal(r.code, 0, `install: ${r.stdout}\n${r.stderr}`);
    for (const v of [NEW, OLD]) {
      assert.ok(existsSync(join(home.linux, 'versions', v, 'bin', 'go.exe')), `versions\\${v}\\bin\\go.exe`);
      assert.ok(existsSync(join(home.linux, 'versions', v, 'bin', 'gofmt.exe')));
    }
    const names = readdirSync(join(home.linux, 'shims')).sort();
    assert.ok(names.includes('go.exe') && names.includes('gofmt.exe'), `native shims, got ${names.join(' ')}`);
    assert.ok(!names.some((n) => n.endsWith('.cmd')), `no .cmd shims left, got ${names.join(' ')}`);
    assert.equal(readFileSync(join(home.linux, 'shims', 'go.exe')).subarray(0, 2).toString(), 'MZ');
  });

  it('refuses a zip-slip archive and leaves nothing behind', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['install', EVIL], opts());
    assert.equal(r.code, 6, `exit 6 (unsafe archive), got ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /E_UNSAFE_ARCHIVE/);
    assert.ok(!existsSync(join(home.linux, 'versions', EVIL)));
    const found: string[] = [];
    const walk = (d: string, depth: number): void => {
      if (depth > 8) return;
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.name === 'govm-zipslip-pwned.txt') found.push(join(d, e.name));
        else if (e.isDirectory() && e.name !== 'windows') walk(join(d, e.name), depth + 1);
      }
    };
    walk(join(lane!.prefix, 'drive_c'), 0);
    assert.deepEqual(found, []);
  });

  it('govm ls lists both', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['ls', '--json'], opts());
    assert.equal(r.code, 0, r.stderr);
    const text = r.stdout;
    assert.match(text, new RegExp(NEW.replace(/\./g, '\\.')));
    assert.match(text, new RegExp(OLD.replace(/\./g, '\\.')));
    assert.doesNotMatch(text, new RegExp(EVIL.replace(/\./g, '\\.')));
  });

  it('govm global selects the version the shim runs from cmd /c', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['global', OLD], opts());
    assert.equal(r.code, 0, r.stderr);
    const plain = project('plain folder', {});
    assert.equal(await goVersionIn(plain), `go version go${OLD} windows/amd64`);
    await govm(lane!, ['global', NEW], opts());
    assert.equal(await goVersionIn(plain), `go version go${NEW} windows/amd64`);
  });

  it('a .go-version project and a go.mod toolchain project each get their version', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const a = project('proj a', { '.go-version': '1.21\n' });
    mkdirSync(join(a, 'deep', 'er'), { recursive: true });
    assert.equal(await goVersionIn(join(a, 'deep', 'er')), `go version go${OLD} windows/amd64`);
    const b = project('proj b', { 'go.mod': `module example.com/b\n\ngo 1.21.0\n\ntoolchain go${OLD}\n` });
    assert.equal(await goVersionIn(b), `go version go${OLD} windows/amd64`);
    const c = project('proj c', { 'go.mod': 'module example.com/c\n\ngo 1.22.0 // minimum\n' });
    assert.equal(await goVersionIn(c), `go version go${NEW} windows/amd64`);
  });

  it('go build + run a hello-world .exe through the shim', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const dir = project('hello app', {
      'go.mod': 'module example.com/hello\n\ngo 1.21\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() { fmt.Println("hello from", runtime.Version(), runtime.GOOS) }\n',
    });
    const r = await cmd(lane!, [`cd /d "${toWin(lane!, dir)}"`, 'go build -o hello.exe .', 'if errorlevel 1 exit /b 1', 'hello.exe', 'exit /b %ERRORLEVEL%'],
      opts({ dir: work, path: [shims], timeoutMs: 300_000 }));
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stdout.trim(), `hello from go${OLD} windows`);
    assert.ok(existsSync(join(dir, 'hello.exe')));
  });

  it('govm exec runs one command with a given version', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['exec', OLD, '--', 'go', 'version'], opts({ cwd: project('exec here', {}) }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `go version go${OLD} windows/amd64`);
  });

  it('govm env --shell cmd, applied in cmd, selects the version', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['env', '--shell', 'cmd', OLD], opts());
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.some((l) => /GOROOT/i.test(l)), r.stdout);
    // Applied in a cmd without the shims on PATH: the GOROOT\bin it puts first decides.
    const out = await cmd(lane!, [...lines, 'go version', 'echo GOROOT=%GOROOT%', 'exit /b %ERRORLEVEL%'], opts({ dir: work, path: [] }));
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, new RegExp(`go version go${OLD.replace(/\./g, '\\.')} windows/amd64`));
    assert.match(out.stdout, new RegExp(`GOROOT=${`${home.win}\\versions\\${OLD}`.replace(/[\\.]/g, '\\$&')}`, 'i'));
  });

  it('govm doctor flags a stale GOROOT and a C:\\Go\\bin earlier on PATH, and passes once they are gone', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    // A classic manual install: C:\Go with a go.exe (a copy of the real old one).
    const cgo = join(lane!.prefix, 'drive_c', 'Go');
    rmSync(cgo, { recursive: true, force: true });
    mkdirSync(join(cgo, 'bin'), { recursive: true });
    writeFileSync(join(cgo, 'bin', 'go.exe'), readFileSync(join(home.linux, 'versions', OLD, 'bin', 'go.exe')));
    try {
      const dir = project('doctor here', {});
      // Everything else as a set-up user has it: the cmd integration loaded, GOPATH\bin on PATH.
      const gobin = `C:\\users\\${lane!.profile}\\go\\bin`;
      const env = { GOVM_SHELL: 'cmd' };
      const bad = await govm(lane!, ['doctor', '--json'], opts({ cwd: dir, path: ['C:\\Go\\bin', shims, gobin], env: { ...env, GOROOT: 'C:\\Go' } }));
      assert.equal(bad.code, 10, `doctor must fail: ${bad.stdout}\n${bad.stderr}`);
      const checks = (JSON.parse(bad.stdout) as { checks: { id: string; ok: boolean; found: string }[] }).checks;
      const failed = checks.filter((c) => !c.ok);
      assert.ok(failed.some((c) => /GOROOT=C:\\Go\b/.test(c.found)), `stale GOROOT flagged: ${JSON.stringify(failed)}`);
      assert.ok(failed.some((c) => /C:\\Go\\bin comes before/.test(c.found)), `C:\\Go\\bin first on PATH flagged: ${JSON.stringify(failed)}`);
      rmSync(cgo, { recursive: true, force: true });
      const good = await govm(lane!, ['doctor'], opts({ cwd: dir, path: [shims, gobin], env }));
      assert.equal(good.code, 0, `doctor must pass: ${good.stdout}\n${good.stderr}`);
    } finally {
      rmSync(cgo, { recursive: true, force: true });
    }
  });

  it('uninstall removes a version; the shims follow', async (t) => {
    if (!prereq(t, lane !== undefined, 'lane not set up')) return;
    const r = await govm(lane!, ['uninstall', OLD], opts());
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(home.linux, 'versions', OLD)));
    const a = join(work, 'proj a');
    const miss = await cmd(lane!, [`cd /d "${toWin(lane!, a)}"`, 'go version', 'exit /b %ERRORLEVEL%'], opts({ dir: work, path: [shims] }));
    assert.equal(miss.code, 127, `${miss.stdout}${miss.stderr}`);
    assert.match(miss.stderr, /govm install 1\.21/);
    assert.equal(await goVersionIn(join(work, 'plain folder')), `go version go${NEW} windows/amd64`);
  });
});

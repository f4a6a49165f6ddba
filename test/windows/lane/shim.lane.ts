// Requirement 3 on real Windows binaries under Wine: the native shim passes
// arguments through unchanged (spaces, quotes, % ^ & ! < >, an empty argument,
// trailing backslashes, non-ASCII) and exits with the program's exact code.
// A probe program (argdump.exe, cross-compiled here with Debian's Go) stands
// in a version's bin\ and gets a shim like go.exe does (the same binary).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prereq } from '../../helpers/prereq.js';
import { windowsShim } from '../../../src/integrations/shims/windows.js';
import { cmd, govm, loadLane, localAppData, toWin, wine } from '../helpers/wine.js';

const lane = loadLane();
const VERSION = '1.22.12';
const GO = '/usr/lib/go-1.22/bin/go';

// Every argument must arrive exactly like this.
export const ARGS = ['plain', 'a b', 'say "hi"', '"', '100%', '%PATH%', '^caret', 'a&b', 'bang!', '<in>', '>out', 'a|b', '', 'tab\there', 'trail\\', 'back\\\\"slash', 'ünïcødé', '  lead'];
const CODES = [0, 1, 2, 3, 42, 127, 255, 256, 3221225786];

const ARGDUMP = `package main

import (
	"encoding/json"
	"os"
	"strconv"
)

func main() {
	b, _ := json.Marshal(os.Args[1:])
	os.Stdout.Write(append(b, '\\n'))
	os.Stderr.WriteString("GOROOT=" + os.Getenv("GOROOT") + " GOTOOLCHAIN=" + os.Getenv("GOTOOLCHAIN") + "\\n")
	if c, err := strconv.ParseUint(os.Getenv("ARGDUMP_EXIT"), 10, 32); err == nil {
		os.Exit(int(uint32(c)))
	}
}
`;

const DRIVER = `// Run by Windows node.exe: spawns the shim and the real program with the same argv.
const { spawnSync } = require('node:child_process');
const [shim, direct] = process.argv.slice(2);
const ARGS = ${JSON.stringify(ARGS)};
const CODES = ${JSON.stringify(CODES)};
const run = (exe, args, code) => {
  const r = spawnSync(exe, args, { encoding: 'utf8', env: { ...process.env, ARGDUMP_EXIT: String(code) } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error ? String(r.error) : undefined };
};
const out = { shim: run(shim, ARGS, 0), direct: run(direct, ARGS, 0), codes: CODES.map((c) => [c, run(shim, ['x'], c).status, run(direct, ['x'], c).status]) };
process.stdout.write(JSON.stringify(out));
`;

let home: { win: string; linux: string };
let dir: string;
let shimExe: string;
let realExe: string;

describe('Windows lane: native shim argument pass-through and exit codes', { concurrency: false }, () => {
  before(async () => {
    if (!lane || !existsSync(GO)) return;
    home = { win: `${localAppData(lane).win}\\govm`, linux: join(localAppData(lane).linux, 'govm') };
    mkdirSync(join(lane.prefix, 'drive_c', 'govm lane'), { recursive: true });
    dir = mkdtempSync(join(lane.prefix, 'drive_c', 'govm lane', 'args '));
    writeFileSync(join(dir, 'main.go'), ARGDUMP);
    writeFileSync(join(dir, 'go.mod'), 'module argdump\n\ngo 1.21\n');
    const b = spawnSync(GO, ['build', '-o', 'argdump.exe', '.'], {
      cwd: dir, encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOCACHE: join(dir, '.cache'), GOPROXY: 'off' },
    });
    if (b.status !== 0) throw new Error(`argdump build: ${b.stderr}`);
  });

  after(() => {
    if (!home) return;
    rmSync(join(home.linux, 'shims', 'argdump.exe'), { force: true });
    rmSync(join(home.linux, 'versions', VERSION, 'bin', 'argdump.exe'), { force: true });
  });

  it('sets up a shimmed probe program', async (t) => {
    if (!prereq(t, lane !== undefined && existsSync(GO), 'Windows lane and Debian Go 1.22')) return;
    if (!existsSync(join(home.linux, 'versions', VERSION))) {
      const r = await govm(lane!, ['install', VERSION], { env: {}, timeoutMs: 600_000 });
      assert.equal(r.code, 0, r.stderr);
    }
    assert.ok(existsSync(join(home.linux, 'shims', 'go.exe')), 'native go.exe shim');
    realExe = join(home.linux, 'versions', VERSION, 'bin', 'argdump.exe');
    copyFileSync(join(dir, 'argdump.exe'), realExe);
    shimExe = join(home.linux, 'shims', 'argdump.exe');
    copyFileSync(join(home.linux, 'shims', 'go.exe'), shimExe);
    writeFileSync(join(dir, '.go-version'), `${VERSION}\n`);
  });

  it('passes every argument through unchanged and keeps the exact exit code (spawned by node.exe, no shell)', async (t) => {
    if (!prereq(t, lane !== undefined && existsSync(GO), 'Windows lane and Debian Go 1.22')) return;
    writeFileSync(join(dir, 'driver.cjs'), DRIVER);
    const r = await wine(lane!, lane!.node, [toWin(lane!, join(dir, 'driver.cjs')), toWin(lane!, shimExe), toWin(lane!, realExe)], { cwd: dir, timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      shim: { status: number; stdout: string; stderr: string };
      direct: { status: number; stdout: string };
      codes: [number, number, number][];
    };
    assert.equal(out.direct.status, 0);
    assert.deepEqual(JSON.parse(out.direct.stdout), ARGS, 'the probe itself sees the argv');
    assert.equal(out.shim.status, 0, out.shim.stderr);
    assert.deepEqual(JSON.parse(out.shim.stdout), ARGS, 'through the shim: unchanged');
    assert.match(out.shim.stderr, new RegExp(`GOROOT=${`${home.win}\\versions\\${VERSION}`.replace(/[\\.]/g, '\\$&')} GOTOOLCHAIN=local`));
    for (const [want, viaShim, direct] of out.codes) {
      assert.equal(direct, want, `direct exit ${want}`);
      assert.equal(viaShim, want, `shim exit ${want}`);
    }
  });

  it('from cmd /c, the shim sees exactly what the real program sees (and a .cmd shim does not)', async (t) => {
    if (!prereq(t, lane !== undefined && existsSync(GO), 'Windows lane and Debian Go 1.22')) return;
    // Batch-file spelling of: "a b" "say \"hi\"" 100% ^caret "a&b" "bang!" "<in>" "" "trail\\"
    // (Non-ASCII is covered above: Wine's cmd reads .bat files in the OEM code page whatever chcp says.)
    const tail = '"a b" "say \\"hi\\"" 100%% ^^caret "a&b" "bang!" "<in>" "" "x|y" trail\\';
    const expected = ['a b', 'say "hi"', '100%', '^caret', 'a&b', 'bang!', '<in>', '', 'x|y', 'trail\\'];
    // The .cmd shim of the switching work, for comparison (information only).
    writeFileSync(join(dir, 'argdump.cmd'), windowsShim({ home: home.win, program: 'argdump', autoInstall: false }));
    const lines = [
      'chcp 65001 >nul',
      `cd /d "${toWin(lane!, dir)}"`,
      `"${toWin(lane!, shimExe)}" ${tail}`,
      'echo shim-exit=%ERRORLEVEL%',
      `"${toWin(lane!, realExe)}" ${tail}`,
      'echo direct-exit=%ERRORLEVEL%',
      `call "${toWin(lane!, join(dir, 'argdump.cmd'))}" ${tail}`,
      'echo cmd-exit=%ERRORLEVEL%',
    ];
    const r = await cmd(lane!, lines, { dir, cwd: dir, timeoutMs: 120_000 });
    const out = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    const [shimLine, shimExit, directLine, directExit, ...cmdOut] = out;
    assert.equal(shimExit, 'shim-exit=0', r.stdout + r.stderr);
    assert.equal(directExit, 'direct-exit=0', r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(directLine!), expected, 'cmd passed what the batch line says');
    assert.equal(shimLine, directLine, 'native shim == real program');
    const cmdOk = cmdOut[0] === directLine && cmdOut[1] === 'cmd-exit=0';
    t.diagnostic(`.cmd shim under Wine's cmd: ${cmdOk ? 'same argv' : `differs: ${JSON.stringify(cmdOut)} ${JSON.stringify(r.stderr.split('\n').slice(-3))}`}`);
  });
});

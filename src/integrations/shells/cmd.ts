// cmd.exe: `govm init cmd` prints a small batch file (its instructions are its
// own REM lines). Saved under GOVM_HOME and registered as the user's cmd
// AutoRun, it puts the shims first on PATH (once: an existing entry is removed
// first) and sets the GOVM_SHELL marker. cmd has no functions and no prompt
// hook, so `govm shell` there prints a `set` line to run, and --use-on-cd is
// not offered. Verified by unit tests only (no Windows lane yet).
import { win32 } from 'node:path';
import { GovmError } from '../../errors.js';
import { quoteCmdSet } from './shared.js';

export function cmdInit(home: string): string {
  const shims = win32.join(home, 'shims');
  const script = win32.join(home, 'init.cmd');
  for (const [what, p] of [['GOVM_HOME', home]] as const) {
    // Substitution syntax (%PATH:a=b%) cannot hold '=' and a batch file eats '%'.
    if (/[=%"!]/.test(p)) throw new GovmError('E_USAGE', `cmd integration cannot handle the characters = % " ! in ${what}: ${p}`, { hint: 'set GOVM_HOME to a simpler folder' });
  }
  return [
    '@echo off',
    'rem govm integration for cmd.exe. Install it once, from cmd:',
    `rem   govm init cmd > "${script}"`,
    `rem   reg add "HKCU\\Software\\Microsoft\\Command Processor" /v AutoRun /t REG_SZ /d "\\"${script}\\"" /f`,
    'rem (AutoRun runs for every cmd.exe you start; if you already have an AutoRun',
    'rem command, call this file from it instead.) Without AutoRun: put the shims',
    `rem folder first on your user PATH (Settings > System > About > Advanced >`,
    `rem Environment Variables):  ${shims}`,
    'rem In cmd, `govm shell 1.22` prints the line to run: set "GOVM_GO_VERSION=1.22"',
    quoteCmdSet('GOVM_SHELL', 'cmd'),
    quoteCmdSet('GOVM_SHELL_MODE', 'shims'),
    'set "PATH=;%PATH%;"',
    `set "PATH=%PATH:;${shims};=;%"`,
    `set "PATH=${shims}%PATH:~0,-1%"`,
    '',
  ].join('\r\n');
}

// Windows shims: path.win32 logic and the .cmd text (cmd itself runs in the Wine lane, issue 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { win32 } from 'node:path';
import { ancestors } from '../../../src/domain/resolution.js';
import {
  batchValue,
  prependWindowsPath,
  sameWindowsDir,
  splitWindowsPath,
  windowsHome,
  windowsShim,
  windowsShimName,
} from '../../../src/integrations/shims/windows.js';

test('home: GOVM_HOME, else %LOCALAPPDATA%\\govm, else the profile', () => {
  const rows: [Record<string, string>, string][] = [
    [{ GOVM_HOME: 'D:/tools//govm' }, 'D:\\tools\\govm'],
    [{ LOCALAPPDATA: 'C:\\Users\\Zoë Ann\\AppData\\Local' }, 'C:\\Users\\Zoë Ann\\AppData\\Local\\govm'],
    [{}, 'C:\\Users\\me\\AppData\\Local\\govm'],
  ];
  for (const [env, want] of rows) assert.equal(windowsHome(env, 'C:\\Users\\me'), want);
});

test('PATH splitting: ; separated, quotes removed, empty entries dropped', () => {
  assert.deepEqual(splitWindowsPath('C:\\Go\\bin;;"C:\\Program Files\\x";D:\\a b\\ '), ['C:\\Go\\bin', 'C:\\Program Files\\x', 'D:\\a b\\']);
});

test('same folder: case, slashes and a trailing backslash do not matter; drive roots keep theirs', () => {
  const rows: [string, string, boolean][] = [
    ['C:\\Users\\Me\\AppData\\Local\\govm\\shims', 'c:/users/me/appdata/local/govm/shims/', true],
    ['C:\\', 'c:\\', true],
    ['C:\\a', 'D:\\a', false],
    ['C:\\a\\..\\b', 'C:\\b', true],
  ];
  for (const [a, b, want] of rows) assert.equal(sameWindowsDir(a, b), want, `${a} vs ${b}`);
});

test('prepend to PATH without duplicates', () => {
  assert.equal(prependWindowsPath('C:\\x;c:\\govm\\shims\\;C:\\y', 'C:\\govm\\shims'), 'C:\\govm\\shims;C:\\x;C:\\y');
});

test('walking up a Windows folder stops at the drive root; UNC shares too', () => {
  assert.deepEqual(ancestors('C:\\Users\\me\\proj', win32.dirname), ['C:\\Users\\me\\proj', 'C:\\Users\\me', 'C:\\Users', 'C:\\']);
  assert.deepEqual(ancestors('\\\\srv\\share\\p', win32.dirname), ['\\\\srv\\share\\p', '\\\\srv\\share\\']);
});

test('batch values: % doubled; quotes and newlines refused', () => {
  assert.equal(batchValue('C:\\100% go'), 'C:\\100%% go');
  assert.throws(() => batchValue('a"b'));
  assert.throws(() => batchValue('a\nb'));
});

test('.cmd shim text: CRLF, no delayed expansion while reading files, baked values, exit codes', () => {
  const text = windowsShim({ home: 'C:\\Users\\Zoë\\AppData\\Local\\govm', program: 'gofmt', autoInstall: true, govm: { node: 'C:\\node\\node.exe', cli: 'C:\\g\\govm.mjs' } });
  assert.equal(windowsShimName('gofmt'), 'gofmt.cmd');
  assert.ok(text.includes('\r\n') && !/[^\r]\n/.test(text), 'CRLF line ends only');
  assert.match(text, /^@echo off\r\n/);
  assert.match(text, /setlocal EnableExtensions DisableDelayedExpansion/);
  assert.ok(text.includes('set "GOVM_S_HOME=C:\\Users\\Zoë\\AppData\\Local\\govm"'));
  assert.ok(text.includes('set "GOVM_S_PROG=gofmt"'));
  assert.ok(text.includes('set "GOVM_S_AUTO=1"'));
  assert.ok(text.includes('"C:\\node\\node.exe" "C:\\g\\govm.mjs" exec -- %GOVM_S_PROG% %*'));
  assert.ok(text.includes('exit /b 127'));
  assert.ok(text.includes('if not defined GOTOOLCHAIN set "GOTOOLCHAIN=local"'));
  // Every line that reads a file runs with delayed expansion off (a `!` in a file is data).
  const readStart = text.indexOf('\r\n:read\r\n');
  assert.ok(readStart > 0 && !text.slice(readStart).includes('EnableDelayedExpansion'));
});

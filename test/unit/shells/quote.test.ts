// Quoting and rendering of `govm env`/`govm shell` lines, the cmd and pwsh
// snippets (no cmd.exe or pwsh on the Linux CI machine: their syntax is
// checked here as text; sh and fish output is eval'd by real shells in
// test/integration/shells).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  githubEnvText,
  githubPathText,
  quoteCmdSet,
  quoteFish,
  quotePwsh,
  quoteSh,
  renderEnv,
} from '../../../src/integrations/shells/shared.js';
import { cmdInit } from '../../../src/integrations/shells/cmd.js';
import { pwshInit } from '../../../src/integrations/shells/pwsh.js';

const rows: Array<[string, string, string, string]> = [
  // value, sh, fish, pwsh
  ['/usr/lib/go', '/usr/lib/go', '/usr/lib/go', "'/usr/lib/go'"],
  ['/a b/go', "'/a b/go'", "'/a b/go'", "'/a b/go'"],
  ["/it's", "'/it'\\''s'", "'/it\\'s'", "'/it''s'"],
  ['/$HOME/`x`', "'/$HOME/`x`'", "'/$HOME/`x`'", "'/$HOME/`x`'"],
  ['/back\\slash', "'/back\\slash'", "'/back\\\\slash'", "'/back\\slash'"],
  ['/ünï/日本', "'/ünï/日本'", "'/ünï/日本'", "'/ünï/日本'"],
  ['/curly\u2019q', "'/curly\u2019q'", "'/curly\u2019q'", "'/curly\u2019\u2019q'"],
];
for (const [v, sh, fish, pwsh] of rows) {
  test(`quote ${JSON.stringify(v)}`, () => {
    assert.equal(quoteSh(v), sh);
    assert.equal(quoteFish(v), fish);
    assert.equal(quotePwsh(v), pwsh);
  });
}

test('control characters are refused, not quoted', () => {
  for (const q of [quoteSh, quoteFish, quotePwsh]) {
    assert.throws(() => q('a\nb'), /control character/);
    assert.throws(() => q('a\0b'), /control character/);
  }
});

const cmdRows: Array<[string, string | RegExp]> = [
  ['C:\\Users\\me\\govm', 'set "X=C:\\Users\\me\\govm"'],
  ['C:\\a & b\\go', 'set "X=C:\\a & b\\go"'],
  ['C:\\100%\\go', 'set "X=C:\\100%%\\go"'],
  ['C:\\a^b|c<d>e', 'set "X=C:\\a^b|c<d>e"'],
  ['C:\\bang!', /delayed expansion/],
  ['C:\\"q"', /cannot hold/],
];
for (const [v, want] of cmdRows) {
  test(`cmd set line for ${v}`, () => {
    if (typeof want === 'string') assert.equal(quoteCmdSet('X', v), want);
    else assert.throws(() => quoteCmdSet('X', v), want);
  });
}

const change = { set: [['GOROOT', 'C:\\Go Root\\1.22'], ['GOTOOLCHAIN', 'local']] as const, pathPrepend: ['C:\\Go Root\\1.22\\bin'] };
test('cmd env output is a batch file fragment', () => {
  assert.equal(
    renderEnv('cmd', change),
    'set "GOROOT=C:\\Go Root\\1.22"\nset "GOTOOLCHAIN=local"\nset "PATH=C:\\Go Root\\1.22\\bin;%PATH%"\n',
  );
});
test('pwsh env output', () => {
  assert.equal(
    renderEnv('pwsh', change),
    "$env:GOROOT = 'C:\\Go Root\\1.22'\n$env:GOTOOLCHAIN = 'local'\n$env:PATH = 'C:\\Go Root\\1.22\\bin' + [IO.Path]::PathSeparator + $env:PATH\n",
  );
});

test('GitHub env/path files: plain lines, heredoc for odd values, last folder first', () => {
  assert.equal(githubEnvText([['GOROOT', '/a b/$x']], 'EOF1'), 'GOROOT=/a b/$x\n');
  assert.equal(githubEnvText([['X', 'a\nb']], 'EOF1'), 'X<<EOF1\na\nb\nEOF1\n');
  assert.throws(() => githubEnvText([['X', 'a\nEOF1']], 'EOF1'), /delimiter/);
  assert.equal(githubPathText(['/one', '/two']), '/two\n/one\n');
});

test('cmd init: REM instructions, marker, shims first without duplicates', () => {
  const t = cmdInit('C:\\Users\\me\\AppData\\Local\\govm');
  const lines = t.split('\r\n');
  assert.equal(lines[0], '@echo off');
  assert.ok(lines.every((l) => l === '' || /^(@echo off|rem( |$)|set ")/.test(l)), 'only echo, rem and set lines');
  assert.ok(t.includes('govm init cmd > "C:\\Users\\me\\AppData\\Local\\govm\\init.cmd"'));
  assert.ok(t.includes('AutoRun'));
  assert.ok(t.includes('set "GOVM_SHELL=cmd"'));
  const shims = 'C:\\Users\\me\\AppData\\Local\\govm\\shims';
  assert.deepEqual(lines.filter((l) => l.includes('PATH=')), [
    'set "PATH=;%PATH%;"',
    `set "PATH=%PATH:;${shims};=;%"`,
    `set "PATH=${shims}%PATH:~0,-1%"`,
  ]);
  assert.throws(() => cmdInit('C:\\100%'), /cannot handle/);
});

/** Simulates the three cmd PATH lines (cmd's %VAR:a=b% replaces case-insensitively). */
function cmdPath(path: string, shims: string): string {
  let p = `;${path};`;
  const needle = `;${shims};`;
  let i: number;
  while ((i = p.toLowerCase().indexOf(needle.toLowerCase())) !== -1) p = p.slice(0, i) + ';' + p.slice(i + needle.length);
  return shims + p.slice(0, -1);
}
test('cmd PATH lines: first, and idempotent on re-run', () => {
  const s = 'C:\\g\\shims';
  const once = cmdPath('C:\\Windows;C:\\G\\SHIMS;C:\\bin', s);
  assert.equal(once, 'C:\\g\\shims;C:\\Windows;C:\\bin');
  assert.equal(cmdPath(once, s), once);
});

test('pwsh init: marker, shims dedup, govm function validates the answer; hook only with --use-on-cd', () => {
  const plain = pwshInit({ home: "C:\\Users\\o'brien\\govm", useOnCd: false });
  assert.ok(plain.includes("$global:__govmDefaultHome = 'C:\\Users\\o''brien\\govm'"));
  assert.ok(plain.includes("$env:GOVM_SHELL = 'pwsh'"));
  assert.ok(plain.includes("$env:GOVM_SHELL_MODE = 'shims'"));
  assert.ok(plain.includes("Where-Object { $_ -and $_ -ne $__govmShims }"), 'removes existing shims entries');
  assert.ok(plain.includes("-cmatch '^set ([0-9a-z.]+)$'"), 'only a plain version is applied');
  assert.equal(plain.split('\n').filter((l) => !l.startsWith('#') && /Invoke-Expression|iex /.test(l)).length, 0, 'nothing is evaluated');
  assert.ok(!plain.includes('__govm_hook {'));
  const cd = pwshInit({ home: 'C:\\g', useOnCd: true });
  for (const s of ['function global:__govm_resolve', 'function global:prompt { __govm_hook;', "$env:GOVM_SHELL_MODE = 'use-on-cd'", "if (-not $env:GOTOOLCHAIN) { $env:GOTOOLCHAIN = 'local' }"]) {
    assert.ok(cd.includes(s), s);
  }
  // Balanced braces and parentheses: a cheap syntax check without pwsh.
  const stripped = cd.replace(/'(?:[^']|'')*'/g, "''").replace(/#.*$/gm, '');
  for (const [o, c] of [['{', '}'], ['(', ')']] as const) {
    assert.equal(stripped.split(o).length, stripped.split(c).length, `balanced ${o}${c}`);
  }
});

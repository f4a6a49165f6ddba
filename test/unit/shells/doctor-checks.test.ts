// Table-driven tests of doctor's pure checks (src/domain/doctor.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  runChecks,
  toolchainMayDownload,
  type Check,
  type DoctorFacts,
} from '../../../src/domain/doctor.js';

const ROOT = '/h/.govm/versions/1.22.12';
const base: DoctorFacts = {
  platform: 'linux',
  shell: 'bash',
  shimsDir: '/h/.govm/shims',
  shimsDirReal: '/h/.govm/shims',
  pathEntries: ['/h/.govm/shims', '/usr/local/bin', '/usr/bin', '/h/go/bin'],
  goOnPath: [{ dir: '/h/.govm/shims', realDir: '/h/.govm/shims' }, { dir: '/usr/bin', realDir: '/usr/lib/go-1.19/bin' }],
  env: { GOVM_SHELL: 'bash', HOME: '/h' },
  resolved: { source: 'global', spec: '1.22', name: '1.22.12', root: ROOT, rootReal: '/usr/lib/go-1.22', installed: true },
  goEnv: { ok: true, goroot: ROOT, gorootReal: '/usr/lib/go-1.22', gopath: '/h/go', gobin: '' },
  gorootToolchain: 'auto',
  module: { file: '/p/go.mod', goLine: '1.22' },
  folders: [
    { label: 'versions', path: '/h/.govm/versions', exists: true, writable: true, mode: 0o40755, uid: 1000 },
    { label: 'cache', path: '/h/.govm/cache', exists: false, writable: false },
  ],
  uid: 1000,
};

function get(f: DoctorFacts, id: string): Check {
  const c = runChecks(f).find((x) => x.id === id);
  assert.ok(c, `no check ${id}`);
  return c;
}

test('a healthy set-up passes every check (Windows check skipped on Linux)', () => {
  const checks = runChecks(base);
  for (const c of checks) assert.ok(c.ok, `${c.id}: ${c.found}`);
  assert.equal(checks.find((c) => c.id === 'windows-conflicts')?.status, 'skip');
  assert.deepEqual(checks.filter((c) => c.status === 'fail'), []);
});

interface Row {
  name: string;
  change: Partial<DoctorFacts>;
  id: string;
  status: 'pass' | 'fail' | 'skip';
  found?: RegExp;
  fix?: RegExp;
}

const rows: Row[] = [
  { name: 'shims missing from PATH', change: { pathEntries: ['/usr/bin'] }, id: 'shims-on-path', status: 'fail', found: /not on PATH/, fix: /eval "\$\(govm init bash\)"/ },
  { name: 'fish user gets the fish line', change: { pathEntries: ['/usr/bin'], shell: 'fish' }, id: 'shims-on-path', status: 'fail', fix: /govm init fish \| source.*config\.fish/ },
  { name: 'shims later on PATH still on PATH', change: { pathEntries: ['/usr/bin', '/h/.govm/shims'] }, id: 'shims-on-path', status: 'pass', found: /entry 2 of 2/ },
  {
    name: 'another go first shadows the shims',
    change: { goOnPath: [{ dir: '/usr/local/go/bin', realDir: '/usr/local/go/bin' }, { dir: '/h/.govm/shims', realDir: '/h/.govm/shims' }] },
    id: 'no-shadowing-go', status: 'fail', found: /\/usr\/local\/go\/bin comes before/, fix: /\/usr\/local\/go\/bin/,
  },
  {
    name: '--use-on-cd puts the resolved GOROOT/bin first: not shadowing',
    change: { goOnPath: [{ dir: `${ROOT}/bin`, realDir: '/usr/lib/go-1.22/bin' }, { dir: '/h/.govm/shims', realDir: '/h/.govm/shims' }] },
    id: 'no-shadowing-go', status: 'pass',
  },
  { name: 'no go at all', change: { goOnPath: [] }, id: 'no-shadowing-go', status: 'fail', found: /no `go` on PATH/ },
  { name: 'GOROOT unset', change: {}, id: 'goroot-env', status: 'pass', found: /not set/ },
  { name: 'GOROOT matches', change: { env: { GOVM_SHELL: 'bash', GOROOT: ROOT } }, id: 'goroot-env', status: 'pass' },
  { name: 'GOROOT matches through the symlink', change: { env: { GOVM_SHELL: 'bash', GOROOT: '/usr/lib/go-1.22/' } }, id: 'goroot-env', status: 'pass' },
  {
    name: 'stale GOROOT',
    change: { env: { GOVM_SHELL: 'bash', GOROOT: '/usr/local/go' } },
    id: 'goroot-env', status: 'fail', found: /does not match go tool version/, fix: /unset GOROOT/,
  },
  { name: 'stale GOROOT, fish fix', change: { shell: 'fish', env: { GOVM_SHELL: 'fish', GOROOT: '/x' } }, id: 'goroot-env', status: 'fail', fix: /set -e GOROOT/ },
  { name: 'go env GOROOT elsewhere because of go env -w', change: { goEnv: { ok: true, goroot: '/opt/go', gorootReal: '/opt/go', goenvFile: '/h/.config/go/env' } }, id: 'go-env-goroot', status: 'fail', fix: /go env -u GOROOT.*\/h\/\.config\/go\/env/ },
  { name: 'go env GOROOT elsewhere because of the env', change: { env: { GOROOT: '/opt/go' }, goEnv: { ok: true, goroot: '/opt/go', gorootReal: '/opt/go' } }, id: 'go-env-goroot', status: 'fail', fix: /unset GOROOT/ },
  { name: 'go env failed', change: { goEnv: { ok: false, error: 'exit 2' } }, id: 'go-env-goroot', status: 'fail', found: /exit 2/ },
  { name: 'go env skipped with nothing installed', change: { resolved: { source: 'none', installed: false } }, id: 'go-env-goroot', status: 'skip' },
  { name: 'nothing resolves', change: { resolved: { source: 'none', installed: false } }, id: 'version-resolves', status: 'fail', fix: /govm global/ },
  { name: 'resolved but not installed', change: { resolved: { source: 'file', spec: '1.23', file: '/p/.go-version', installed: false } }, id: 'version-resolves', status: 'fail', found: /1\.23 \(from \/p\/\.go-version\) is not installed/, fix: /^govm install 1\.23$/ },
  { name: 'malformed version file', change: { resolved: { source: 'none', installed: false, error: '/p/.go-version:1: malformed' } }, id: 'version-resolves', status: 'fail', found: /\/p\/\.go-version:1/ },
  { name: 'system go fallback', change: { resolved: { source: 'system', installed: true, root: '/usr/lib/go-1.19' } }, id: 'version-resolves', status: 'pass', found: /system go/ },
  { name: 'go line newer than resolved', change: { module: { file: '/p/go.mod', goLine: '1.23.0' } }, id: 'module-go-line', status: 'fail', found: /requires go >= 1\.23\.0/, fix: /govm install 1\.23\.0 && govm use 1\.23\.0/ },
  { name: 'go line language version equal minor', change: { module: { file: '/p/go.mod', goLine: '1.22' } }, id: 'module-go-line', status: 'pass' },
  { name: 'go line same patch', change: { module: { file: '/p/go.mod', goLine: '1.22.12' } }, id: 'module-go-line', status: 'pass' },
  { name: 'go line one patch newer', change: { module: { file: '/p/go.mod', goLine: '1.22.13' } }, id: 'module-go-line', status: 'fail' },
  { name: 'no module', change: { module: undefined }, id: 'module-go-line', status: 'skip' },
  { name: 'unreadable go line', change: { module: { file: '/p/go.mod', goLine: 'one.two' } }, id: 'module-go-line', status: 'fail', found: /unreadable/ },
  { name: 'GOTOOLCHAIN=auto in env', change: { env: { GOVM_SHELL: 'bash', GOTOOLCHAIN: 'auto' } }, id: 'gotoolchain', status: 'fail', found: /download/, fix: /export GOTOOLCHAIN=local/ },
  { name: 'GOTOOLCHAIN=go1.23.1+auto in env', change: { env: { GOTOOLCHAIN: 'go1.23.1+auto' } }, id: 'gotoolchain', status: 'fail' },
  { name: 'GOTOOLCHAIN=local in env', change: { env: { GOTOOLCHAIN: 'local' } }, id: 'gotoolchain', status: 'pass' },
  { name: 'GOTOOLCHAIN=path in env', change: { env: { GOTOOLCHAIN: 'go1.22.0+path' } }, id: 'gotoolchain', status: 'pass' },
  { name: 'go env -w GOTOOLCHAIN=auto', change: { goenvFileToolchain: 'auto' }, id: 'gotoolchain', status: 'fail', fix: /go env -w GOTOOLCHAIN=local/ },
  { name: 'go.env auto, shims first: shims force local', change: {}, id: 'gotoolchain', status: 'pass', found: /shims set GOTOOLCHAIN=local/ },
  {
    name: 'go.env auto and another go first',
    change: { goOnPath: [{ dir: '/usr/local/go/bin', realDir: '/usr/local/go/bin' }] },
    id: 'gotoolchain', status: 'fail', found: /go\.env says GOTOOLCHAIN=auto/,
  },
  { name: 'GOPATH/bin on PATH', change: {}, id: 'gobin-on-path', status: 'pass', found: /\/h\/go\/bin/ },
  { name: 'GOPATH/bin missing', change: { pathEntries: ['/h/.govm/shims', '/usr/bin'] }, id: 'gobin-on-path', status: 'fail', fix: /export PATH="\$PATH:\/h\/go\/bin"/ },
  { name: 'GOBIN wins over GOPATH', change: { goEnv: { ok: true, goroot: ROOT, gopath: '/h/go', gobin: '/h/bin' } }, id: 'gobin-on-path', status: 'fail', found: /\/h\/bin is not on PATH/ },
  { name: 'integration not loaded', change: { env: {} }, id: 'shell-integration', status: 'fail', fix: /govm init bash/ },
  { name: 'integration loaded in use-on-cd', change: { env: { GOVM_SHELL: 'zsh', GOVM_SHELL_MODE: 'use-on-cd' } }, id: 'shell-integration', status: 'pass', found: /zsh \(use-on-cd\)/ },
  {
    name: 'Windows: C:\\Go and the registry key',
    change: { platform: 'win32', shimsDir: 'C:\\u\\govm\\shims', shimsDirReal: 'C:\\u\\govm\\shims', windowsInstalls: ['C:\\Go'], windowsRegistry: ['HKLM\\SOFTWARE\\GoLang'] },
    id: 'windows-conflicts', status: 'fail', found: /C:\\Go, HKLM\\SOFTWARE\\GoLang/,
  },
  { name: 'Windows: clean', change: { platform: 'win32', windowsInstalls: [], windowsRegistry: [] }, id: 'windows-conflicts', status: 'pass' },
  {
    name: 'Windows PATH compares without case',
    change: { platform: 'win32', shimsDir: 'C:\\Users\\u\\govm\\shims', shimsDirReal: 'C:\\Users\\u\\govm\\shims', pathEntries: ['c:\\users\\U\\govm\\shims\\'] },
    id: 'shims-on-path', status: 'pass',
  },
  {
    name: 'world-writable versions folder',
    change: { folders: [{ label: 'versions', path: '/h/.govm/versions', exists: true, writable: true, mode: 0o40777, uid: 1000 }] },
    id: 'folder-permissions', status: 'fail', found: /writable by other users \(mode 777\)/, fix: /chmod o-w \/h\/\.govm\/versions/,
  },
  {
    name: 'folder not writable by me',
    change: { folders: [{ label: 'cache', path: '/h/.govm/cache', exists: true, writable: false, mode: 0o40755, uid: 0 }] },
    id: 'folder-permissions', status: 'fail', found: /not writable by you.*belongs to uid 0/,
  },
];

for (const r of rows) {
  test(`doctor: ${r.name}`, () => {
    const c = get({ ...base, ...r.change }, r.id);
    assert.equal(c.status, r.status, `${c.id}: ${c.found}`);
    assert.equal(c.ok, r.status !== 'fail');
    if (r.found) assert.match(c.found, r.found);
    if (r.fix) assert.match(c.fix ?? '', r.fix);
    if (r.status === 'fail') assert.ok(c.fix, 'a failing check names its fix');
    else assert.equal(c.fix, undefined);
  });
}

const toolchains: Array<[string, boolean]> = [
  ['local', false], ['path', false], ['go1.22.1+path', false], ['', false],
  ['auto', true], ['go1.23.0', true], ['go1.23.0+auto', true], [' auto ', true],
];
for (const [v, may] of toolchains) {
  test(`toolchainMayDownload(${JSON.stringify(v)}) = ${may}`, () => assert.equal(toolchainMayDownload(v), may));
}

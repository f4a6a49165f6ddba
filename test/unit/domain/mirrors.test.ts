import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGovmError } from '../../../src/errors.js';
import { assertTransportAllowed, isLoopbackHost, MIRROR_PRESETS, resolveEndpoints } from '../../../src/domain/mirrors.js';
import { resolveSettings } from '../../../src/domain/settings.js';

const OFFICIAL_INDEX = 'https://go.dev/dl/?mode=json&include=all';
const CHINA_INDEX = 'https://golang.google.cn/dl/?mode=json&include=all';

test('mirror presets', () => {
  const CASES: ReadonlyArray<readonly [string, string, string]> = [
    ['official', OFFICIAL_INDEX, 'https://dl.google.com/go/'],
    ['china', CHINA_INDEX, 'https://golang.google.cn/dl/'],
    ['aliyun', CHINA_INDEX, 'https://mirrors.aliyun.com/golang/'],
    ['ustc', CHINA_INDEX, 'https://mirrors.ustc.edu.cn/golang/'],
    ['nju', CHINA_INDEX, 'https://mirrors.nju.edu.cn/golang/'],
  ];
  for (const [mirror, indexUrl, downloadBase] of CASES) {
    assert.deepEqual(resolveEndpoints(mirror, undefined), { indexUrl, downloadBase }, mirror);
  }
  assert.deepEqual(Object.keys(MIRROR_PRESETS).sort(), CASES.map((c) => c[0]).sort());
  for (const [name, p] of Object.entries(MIRROR_PRESETS)) {
    // checksums come from an index; every preset's index and files are https
    assert.equal(new URL(p.indexUrl).protocol, 'https:', name);
    assert.equal(new URL(p.downloadBase).protocol, 'https:', name);
    assert.ok(p.downloadBase.endsWith('/'), name);
    assert.ok(p.describe.length > 5, name);
  }
});

test('a base URL mirror serves the index and the files', () => {
  const CASES: ReadonlyArray<readonly [string, string, string]> = [
    ['https://mirror.example/golang/', 'https://mirror.example/golang/?mode=json&include=all', 'https://mirror.example/golang/'],
    ['https://mirror.example/golang', 'https://mirror.example/golang/?mode=json&include=all', 'https://mirror.example/golang/'],
    ['http://127.0.0.1:8080/dl/', 'http://127.0.0.1:8080/dl/?mode=json&include=all', 'http://127.0.0.1:8080/dl/'],
    ['http://localhost:9000', 'http://localhost:9000/?mode=json&include=all', 'http://localhost:9000/'],
    ['HTTPS://Mirror.Example/Go/', 'https://mirror.example/Go/?mode=json&include=all', 'https://mirror.example/Go/'],
    ['file:///srv/go-mirror/', 'file:///srv/go-mirror/?mode=json&include=all', 'file:///srv/go-mirror/'],
  ];
  for (const [mirror, indexUrl, downloadBase] of CASES) {
    assert.deepEqual(resolveEndpoints(mirror, undefined), { indexUrl, downloadBase }, mirror);
  }
});

test('GOVM_INDEX_URL: the index is used as given; files come from its folder unless a mirror is set', () => {
  const CASES: ReadonlyArray<readonly [string, string, string, string]> = [
    // [mirror, indexUrl, expected index, expected download base]
    ['official', 'http://127.0.0.1:8080/dl/?mode=json&include=all', 'http://127.0.0.1:8080/dl/?mode=json&include=all', 'http://127.0.0.1:8080/dl/'],
    ['official', 'http://127.0.0.1:8080/dl/index.json', 'http://127.0.0.1:8080/dl/index.json', 'http://127.0.0.1:8080/dl/'],
    ['official', 'https://idx.example/go.json', 'https://idx.example/go.json', 'https://idx.example/'],
    ['official', 'file:///srv/mirror/index.json', 'file:///srv/mirror/index.json', 'file:///srv/mirror/'],
    ['aliyun', 'https://idx.example/go.json', 'https://idx.example/go.json', 'https://mirrors.aliyun.com/golang/'],
    ['china', 'https://idx.example/go.json', 'https://idx.example/go.json', 'https://golang.google.cn/dl/'],
    ['https://files.example/go/', 'https://idx.example/go.json', 'https://idx.example/go.json', 'https://files.example/go/'],
  ];
  for (const [mirror, indexUrl, wantIndex, wantBase] of CASES) {
    assert.deepEqual(resolveEndpoints(mirror, indexUrl), { indexUrl: wantIndex, downloadBase: wantBase }, `${mirror} + ${indexUrl}`);
  }
});

test('settings feed the endpoints: GOVM_MIRROR / GOVM_INDEX_URL over the config file', () => {
  const endpoints = (env: Record<string, string>, file: Record<string, unknown>) => {
    const s = resolveSettings(env, file);
    return resolveEndpoints(s.mirror, s.indexUrl);
  };
  assert.equal(endpoints({}, {}).indexUrl, OFFICIAL_INDEX);
  assert.equal(endpoints({}, { mirror: 'ustc' }).downloadBase, 'https://mirrors.ustc.edu.cn/golang/');
  assert.equal(endpoints({ GOVM_MIRROR: 'nju' }, { mirror: 'ustc' }).downloadBase, 'https://mirrors.nju.edu.cn/golang/');
  assert.deepEqual(endpoints({ GOVM_INDEX_URL: 'http://127.0.0.1:1234/dl/?mode=json&include=all' }, { mirror: 'official' }), {
    indexUrl: 'http://127.0.0.1:1234/dl/?mode=json&include=all',
    downloadBase: 'http://127.0.0.1:1234/dl/',
  });
});

test('bad mirrors and index URLs are E_CONFIG naming the variable', () => {
  const BAD: ReadonlyArray<readonly [string, string | undefined, string]> = [
    ['nonsense', undefined, 'GOVM_MIRROR'],
    ['Official', undefined, 'GOVM_MIRROR'], // presets are case-sensitive names
    ['ftp://mirror.example/go/', undefined, 'GOVM_MIRROR'],
    ['javascript:alert(1)', undefined, 'GOVM_MIRROR'],
    ['mirror.example/go', undefined, 'GOVM_MIRROR'],
    ['', undefined, 'GOVM_MIRROR'],
    ['toString', undefined, 'GOVM_MIRROR'],
    ['official', 'not a url', 'GOVM_INDEX_URL'],
    ['official', 'ftp://idx.example/go.json', 'GOVM_INDEX_URL'],
    ['official', 'data:application/json,[]', 'GOVM_INDEX_URL'],
  ];
  for (const [mirror, indexUrl, variable] of BAD) {
    assert.throws(() => resolveEndpoints(mirror, indexUrl), (e: unknown) => {
      assert.ok(isGovmError(e), mirror);
      assert.equal(e.code, 'E_CONFIG');
      assert.ok(e.message.startsWith(variable), e.message);
      assert.match(e.message, /official, china, aliyun, ustc, nju/);
      return true;
    }, `${mirror} ${indexUrl}`);
  }
});

test('loopback detection', () => {
  const LOOPBACK = ['127.0.0.1', '127.5.5.5', '127.255.255.254', 'localhost', 'LOCALHOST', '[::1]', '::1'];
  const NOT = [
    '128.0.0.1', '126.255.255.255', '10.0.0.1', '192.168.1.1', '0.0.0.0', 'localhost.evil.com', 'evil.localhost.com',
    '127.0.0.1.evil.com', 'localhost.', 'mylocalhost', '127.0.0', '1127.0.0.1', '[::2]', '::', '[::ffff:127.0.0.1]', 'example.com', '',
  ];
  for (const h of LOOPBACK) assert.equal(isLoopbackHost(h), true, h);
  for (const h of NOT) assert.equal(isLoopbackHost(h), false, h);
  // As URLs normalise them: decimal/hex/short IPv4 forms of 127.0.0.1 are loopback too.
  const URLS: ReadonlyArray<readonly [string, boolean]> = [
    ['http://127.0.0.1:8080/x', true],
    ['http://127.5.5.5/', true],
    ['http://localhost/', true],
    ['http://LocalHost:80/', true],
    ['http://[::1]:8080/', true],
    ['http://[0:0:0:0:0:0:0:1]/', true],
    ['http://2130706433/', true],
    ['http://0x7f000001/', true],
    ['http://127.1/', true],
    ['http://128.0.0.1/', false],
    ['http://localhost.evil.com/', false],
    ['http://127.0.0.1.nip.io/', false],
    ['http://[::ffff:127.0.0.1]/', false],
    ['http://user@evil.com:80@127.0.0.1/', true],
    ['http://127.0.0.1@evil.com/', false],
  ];
  for (const [u, want] of URLS) assert.equal(isLoopbackHost(new URL(u).hostname), want, u);
});

test('assertTransportAllowed: https and file always, plain http only to loopback or with GOVM_INSECURE', () => {
  const CASES: ReadonlyArray<readonly [string, boolean, boolean]> = [
    // [url, insecure, allowed]
    ['https://go.dev/dl/?mode=json&include=all', false, true],
    ['https://mirrors.aliyun.com/golang/go1.22.12.linux-amd64.tar.gz', false, true],
    ['file:///srv/mirror/index.json', false, true],
    ['http://127.0.0.1:8080/dl/', false, true],
    ['http://127.5.5.5/', false, true],
    ['http://localhost:3000/', false, true],
    ['http://[::1]:8080/', false, true],
    ['http://mirror.example/go/', false, false],
    ['http://128.0.0.1/', false, false],
    ['http://localhost.evil.com/', false, false],
    ['http://192.168.1.10/go/', false, false],
    ['http://127.0.0.1@evil.com/', false, false],
    ['http://mirror.example/go/', true, true],
    ['ftp://mirror.example/go/', false, false],
    ['ftp://mirror.example/go/', true, false],
    ['ws://127.0.0.1/', false, false],
  ];
  for (const [u, insecure, allowed] of CASES) {
    const run = () => assertTransportAllowed(new URL(u), insecure);
    if (allowed) {
      assert.doesNotThrow(run, `${u} insecure=${insecure}`);
    } else {
      assert.throws(run, (e: unknown) => {
        assert.ok(isGovmError(e));
        assert.equal(e.code, 'E_INSECURE_URL');
        assert.equal(e.exitCode, 2);
        assert.match(e.message, /refusing plain/);
        assert.match(e.hint ?? '', /GOVM_INSECURE=1/);
        return true;
      }, `${u} insecure=${insecure}`);
    }
  }
});

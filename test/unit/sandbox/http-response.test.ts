// The raw HTTP/1.0 answers the Docker socket shortcut accepts, and the ones
// it leaves to the CLI (undefined).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResponse } from '../../../src/integrations/engines/api.js';

const crlf = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

test('complete answers are read; anything unexpected is refused', () => {
  const body = '{"Id":"sha256:ab"}';
  const cases: [string, Buffer, [number, string] | undefined][] = [
    // Recorded shape of dockerd 20.10's answer to an HTTP/1.0 request.
    ['dockerd 20.10, 200', crlf('HTTP/1.0 200 OK', 'Api-Version: 1.41', 'Content-Type: application/json', 'Docker-Experimental: false', 'Ostype: linux', 'Server: Docker/20.10.24+dfsg1 (linux)', 'Date: Tue, 24 Nov 2026 00:46:17 GMT', '', body), [200, body]],
    ['404 with a body', crlf('HTTP/1.0 404 Not Found', 'Content-Type: application/json', '', '{"message":"No such image: x:0"}'), [404, '{"message":"No such image: x:0"}']],
    ['matching Content-Length', crlf('HTTP/1.1 200 OK', `Content-Length: ${body.length}`, '', body), [200, body]],
    ['lower-case header names', crlf('HTTP/1.1 200 OK', `content-length: ${body.length}`, '', body), [200, body]],
    ['a UTF-8 body', crlf('HTTP/1.0 200 OK', `Content-Length: ${Buffer.byteLength('{"é":1}')}`, '', '{"é":1}'), [200, '{"é":1}']],
    ['cut short (Content-Length larger)', crlf('HTTP/1.0 200 OK', 'Content-Length: 999', '', body), undefined],
    ['chunked', crlf('HTTP/1.1 200 OK', 'Transfer-Encoding: chunked', '', '12', body, '0', '', ''), undefined],
    ['headers never end', Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n'), undefined],
    ['not HTTP', crlf('SSH-2.0-OpenSSH_9.2', '', ''), undefined],
    ['HTTP/2 preface', crlf('HTTP/2 200', '', body), undefined],
    ['nothing', Buffer.alloc(0), undefined],
  ];
  for (const [name, raw, want] of cases) {
    const r = parseResponse(raw);
    assert.deepEqual(r && [r.status, r.body], want, name);
  }
});

test('header names are lower-cased; values keep their case (the server check reads them)', () => {
  const r = parseResponse(crlf('HTTP/1.0 201 Created', 'Api-Version: 1.41', 'Server: Docker/20.10.24+dfsg1 (linux)', 'X-Empty:', '', '{}'));
  assert.deepEqual(r?.headers, { 'api-version': '1.41', server: 'Docker/20.10.24+dfsg1 (linux)', 'x-empty': '' });
});

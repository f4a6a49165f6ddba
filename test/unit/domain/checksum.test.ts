import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isGovmError } from '../../../src/errors.js';
import { isSha256, parseSha256File } from '../../../src/domain/checksum.js';
import { RECORDED } from './fixtures.js';

const HEX = '08df79b46b0adf498ea9f320a0f23d6ec59e9003660b4c9c1ce8e5e2c6f823ca'; // go1.14.linux-amd64.tar.gz
const NAME = 'go1.14.linux-amd64.tar.gz';
const OTHER = 'cd813387f770c07819912f8ff4b9796a4e317dee92548b7226a19e60ac79eb27'; // go1.14.linux-arm64.tar.gz

test('accepted .sha256 bodies', () => {
  const CASES: ReadonlyArray<readonly [string, string, string | undefined]> = [
    ['go.dev form: bare hex, no newline', HEX, NAME],
    ['bare hex, no expected name', HEX, undefined],
    ['bare hex + newline', `${HEX}\n`, NAME],
    ['bare hex + CRLF', `${HEX}\r\n`, NAME],
    ['surrounding blank lines and spaces', `\n\n  ${HEX}  \n\n`, NAME],
    ['uppercase hex', HEX.toUpperCase(), NAME],
    ['mixed case hex', HEX.slice(0, 32).toUpperCase() + HEX.slice(32), NAME],
    ['sha256sum text mode', `${HEX}  ${NAME}\n`, NAME],
    ['sha256sum binary marker', `${HEX} *${NAME}\n`, NAME],
    ['sha256sum with a tab', `${HEX}\t${NAME}`, NAME],
    ['sha256sum line, no expected name', `${HEX}  whatever.tar.gz`, undefined],
    ['CRLF sha256sum', `${HEX}  ${NAME}\r\n`, NAME],
    ['goreleaser-style list, wanted file not first', `${OTHER}  go1.14.linux-arm64.tar.gz\n${HEX}  ${NAME}\n`, NAME],
    ['list with binary markers', `${OTHER} *go1.14.linux-arm64.tar.gz\r\n${HEX} *${NAME}\r\n`, NAME],
  ];
  for (const [what, body, expected] of CASES) assert.equal(parseSha256File(body, expected), HEX, what);
});

test('rejected .sha256 bodies', () => {
  const CASES: ReadonlyArray<readonly [string, string, string | undefined, RegExp]> = [
    ['empty', '', NAME, /does not hold a SHA-256/],
    ['only whitespace', ' \n\t\n', NAME, /does not hold a SHA-256/],
    ['HTML error page', '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>', NAME, /does not hold a SHA-256/],
    ['HTML page without doctype', `<html><body>${HEX}</body></html>`, NAME, /does not hold a SHA-256/],
    ['JSON error', '{"error":"not found"}', NAME, /does not hold a SHA-256/],
    ['63 hex digits', HEX.slice(1), NAME, /does not hold a SHA-256/],
    ['65 hex digits', `${HEX}0`, NAME, /does not hold a SHA-256/],
    ['non-hex digit', `${HEX.slice(0, 63)}g`, NAME, /does not hold a SHA-256/],
    ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', NAME, /does not hold a SHA-256/],
    ['sha512', 'ab'.repeat(64), NAME, /does not hold a SHA-256/],
    ['hex glued to the name', `${HEX}${NAME}`, NAME, /does not hold a SHA-256/],
    ['BSD tag format', `SHA256 (${NAME}) = ${HEX}`, NAME, /does not hold a SHA-256/],
    ['wrong name', `${HEX}  go1.14.linux-arm64.tar.gz`, NAME, /names 'go1\.14\.linux-arm64\.tar\.gz', not 'go1\.14\.linux-amd64\.tar\.gz'/],
    ['wrong name, binary marker', `${HEX} *go1.13.linux-amd64.tar.gz`, NAME, /names 'go1\.13\.linux-amd64\.tar\.gz'/],
    ['name is a prefix', `${HEX}  ${NAME}.bak`, NAME, /names/],
    ['name with a path', `${HEX}  ../${NAME}`, NAME, /names/],
    ['list without the wanted file', `${OTHER}  go1.14.linux-arm64.tar.gz\n${HEX}  go1.14.linux-386.tar.gz\n`, NAME, /names 'go1\.14\.linux-arm64\.tar\.gz'/],
  ];
  for (const [what, body, expected, message] of CASES) {
    assert.throws(() => parseSha256File(body, expected), (e: unknown) => {
      assert.ok(isGovmError(e), what);
      assert.equal(e.code, 'E_CHECKSUM', what);
      assert.equal(e.exitCode, 5);
      assert.match(e.message, message, what);
      return true;
    }, what);
  }
});

test('an error page points at the mirror', () => {
  assert.throws(() => parseSha256File('<html>502 Bad Gateway</html>', NAME), (e: unknown) => isGovmError(e) && /GOVM_MIRROR/.test(e.hint ?? ''));
});

test('isSha256 accepts exactly lowercase 64-hex, as the index stores it', () => {
  assert.equal(isSha256(HEX), true);
  assert.equal(isSha256(HEX.toUpperCase()), false);
  assert.equal(isSha256(''), false);
  assert.equal(isSha256(`${HEX}\n`), false);
  assert.equal(isSha256(createHash('sha256').update('').digest('hex')), true);
  const real = RECORDED.flatMap((r) => r.files).map((f) => f.sha256).filter((s) => s !== '');
  assert.equal(real.length, 1163);
  assert.ok(real.every(isSha256), 'every digest of the recorded index');
  for (const s of real.slice(0, 50)) assert.equal(parseSha256File(s.toUpperCase()), s);
});

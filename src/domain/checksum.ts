// SHA-256 text as found in indexes and `.sha256` files.
import { GovmError } from '../errors.js';

const HEX64 = /^[0-9a-f]{64}$/;

export const isSha256 = (s: string): boolean => HEX64.test(s);

/**
 * Parses a `<file>.sha256` body: bare hex (go.dev's form, no newline) or a
 * `sha256sum` line (`<hex>  <name>`). When a name is given it must match.
 */
export function parseSha256File(body: string, expectedName?: string): string {
  const line = body.trim().split(/\r?\n/)[0] ?? '';
  const [hex = '', name] = line.trim().split(/\s+\*?/);
  const digest = hex.toLowerCase();
  if (!HEX64.test(digest)) {
    throw new GovmError('E_CHECKSUM', 'the .sha256 file does not hold a SHA-256 digest', {
      hint: 'the mirror may serve an error page; check GOVM_MIRROR',
    });
  }
  if (name && expectedName && name.replace(/^\*/, '') !== expectedName) {
    throw new GovmError('E_CHECKSUM', `the .sha256 file names '${name}', not '${expectedName}'`);
  }
  return digest;
}

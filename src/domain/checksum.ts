// SHA-256 text as found in indexes and `.sha256` files.
import { GovmError } from '../errors.js';

const HEX64 = /^[0-9a-f]{64}$/;

export const isSha256 = (s: string): boolean => HEX64.test(s);

/** `<hex>`, or a `sha256sum` line `<hex>  <name>` / `<hex> *<name>` (binary mode). */
const LINE = /^([0-9a-fA-F]{64})(?:[ \t]+\*?(\S(?:.*\S)?))?$/;

/**
 * Parses a `<file>.sha256` body: bare hex (go.dev's form, no newline) or `sha256sum`
 * output (`<hex>  <name>`, one line per file, as goreleaser writes it). When a name is
 * expected and the lines carry names, the line for that name is used and must exist.
 */
export function parseSha256File(body: string, expectedName?: string): string {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const parsed = lines.map((l) => LINE.exec(l));
  const first = parsed[0];
  if (!first) {
    throw new GovmError('E_CHECKSUM', 'the .sha256 file does not hold a SHA-256 digest', {
      hint: 'the mirror may serve an error page; check GOVM_MIRROR',
    });
  }
  const named = first[2];
  if (expectedName === undefined || named === undefined) return first[1]!.toLowerCase();
  const hit = parsed.find((m) => m?.[2] === expectedName);
  if (!hit) throw new GovmError('E_CHECKSUM', `the .sha256 file names '${named}', not '${expectedName}'`);
  return hit[1]!.toLowerCase();
}

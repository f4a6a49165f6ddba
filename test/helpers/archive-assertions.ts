// Assertions shared by the tar and zip extraction tests.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GovmError } from '../../src/errors.js';

export function symlinksUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => lstatSync(join(dir, p)).isSymbolicLink());
}

/** The extraction fails with `code`, and its message names the entry. */
export async function assertRejects(p: Promise<unknown>, code: 'E_UNSAFE_ARCHIVE' | 'E_ARCHIVE', names: string | RegExp): Promise<GovmError> {
  let caught: unknown;
  await p.then(
    () => assert.fail('expected the extraction to fail'),
    (e: unknown) => (caught = e),
  );
  assert.ok(caught instanceof GovmError, `expected GovmError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (typeof names === 'string') assert.ok(caught.message.includes(JSON.stringify(names)), `${caught.message} should name ${names}`);
  else assert.match(caught.message, names);
  return caught;
}

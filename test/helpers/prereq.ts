// Prerequisites of integration/e2e tests (toolchains, Docker, Wine…). Locally a
// missing one skips the test with a printed reason; with GOVM_E2E=1 (set by
// .ci/run) it fails it.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';

export const E2E = process.env.GOVM_E2E === '1';

/** Returns true when the test may go on. */
export function prereq(t: TestContext, ok: boolean, reason: string): boolean {
  if (ok) return true;
  if (E2E) assert.fail(`prerequisite missing with GOVM_E2E=1: ${reason}`);
  process.stderr.write(`# skipped: ${reason}\n`);
  t.skip(reason);
  return false;
}

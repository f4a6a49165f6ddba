// The README's tables are checked against the code, so they stay true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXIT_BY_CODE } from '../../src/errors.js';
import { SETTINGS } from '../../src/domain/settings.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = (name: string): string => {
  const m = new RegExp(`<!-- section:${name} -->([\\s\\S]*?)<!-- /section:${name} -->`).exec(readme);
  assert.ok(m, `README has a ${name} section`);
  return m[1]!;
};

test('every error code is in the README exit-code table with its exit code', () => {
  const rows = section('exit-codes').split('\n').filter((l) => l.startsWith('| '));
  for (const [code, exit] of Object.entries(EXIT_BY_CODE)) {
    const row = rows.find((r) => r.includes(`\`${code}\``));
    assert.ok(row, `${code} is documented`);
    assert.equal(Number(row.split('|')[1]!.trim()), exit, `${code} exits ${exit}`);
  }
});

test('every setting is in the README configuration table with its variable and default', () => {
  const rows = section('config').split('\n').filter((l) => l.startsWith('| '));
  for (const [key, s] of Object.entries(SETTINGS)) {
    const row = rows.find((r) => r.startsWith(`| \`${key}\` `));
    assert.ok(row, `${key} is documented`);
    const cells = row.split('|').map((c) => c.trim());
    assert.equal(cells[2], `\`${s.env}\``);
    const def = s.default === undefined ? 'from the mirror' : s.default === '' ? 'empty' : `\`${String(s.default)}\``;
    assert.equal(cells[3], def, `${key} default`);
  }
});

// Version-file parsing: table-driven, every file kind, and the values that must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGovmError } from '../../../src/errors.js';
import { checkPlainSpec, parseVersionFile, VERSION_FILES, type VersionFileName } from '../../../src/domain/version-files.js';

type Row = [name: string, kind: VersionFileName, text: string, want: { spec: string; kind: 'exact' | 'minimum'; line: number } | undefined];

const ok: Row[] = [
  ['plain .go-version', '.go-version', '1.22\n', { spec: '1.22', kind: 'exact', line: 1 }],
  ['go prefix stripped', '.go-version', 'go1.22.3', { spec: '1.22.3', kind: 'exact', line: 1 }],
  ['comments, blank lines, CRLF', '.go-version', '# pinned\r\n\r\n  1.21.13  \r\n# end\r\n', { spec: '1.21.13', kind: 'exact', line: 3 }],
  ['trailing comment', '.go-version', '1.21 # why\n', { spec: '1.21', kind: 'exact', line: 1 }],
  ['latest', '.go-version', 'latest\n', { spec: 'latest', kind: 'exact', line: 1 }],
  ['pre-release', '.go-version', '1.24rc1\n', { spec: '1.24rc1', kind: 'exact', line: 1 }],
  ['empty .go-version names nothing', '.go-version', '\n# nothing\n', undefined],
  ['.tool-versions golang', '.tool-versions', 'nodejs 20.1.0\ngolang 1.22.3 1.21.0\n', { spec: '1.22.3', kind: 'exact', line: 2 }],
  ['.tool-versions go, tabs, comment', '.tool-versions', '# tools\n\tgo\t1.21   # c\n', { spec: '1.21', kind: 'exact', line: 2 }],
  ['.tool-versions without go', '.tool-versions', 'nodejs 20\npython 3.12\n', undefined],
  ['.tool-versions golangci is not golang', '.tool-versions', 'golangci-lint 1.55\n', undefined],
  ['go.mod go line is a minimum', 'go.mod', 'module x\n\ngo 1.21\n', { spec: '1.21', kind: 'minimum', line: 3 }],
  ['go.mod go 1.21.0', 'go.mod', 'module x\ngo 1.21.0\n', { spec: '1.21.0', kind: 'minimum', line: 2 }],
  ['go.mod toolchain is an exact pin', 'go.mod', 'module x\ngo 1.21\ntoolchain go1.22.3\n', { spec: '1.22.3', kind: 'exact', line: 3 }],
  ['toolchain default means none', 'go.mod', 'module x\ngo 1.21.3\ntoolchain default\n', { spec: '1.21.3', kind: 'minimum', line: 2 }],
  ['comments and odd spacing', 'go.mod', '// header\nmodule   x // the module\n\n   go\t 1.22   // language\r\n', { spec: '1.22', kind: 'minimum', line: 4 }],
  ['blocks do not confuse it', 'go.mod', 'module x\nrequire (\n\tgo 1.99\n\ttoolchain go1.99.1\n)\ngodebug (\n\tdefault=go1.21\n)\ngo 1.19\n', { spec: '1.19', kind: 'minimum', line: 9 }],
  ['no go line', 'go.mod', 'module x\nrequire y v1.0.0\n', undefined],
  ['go.work', 'go.work', 'go 1.23.1\n\nuse (\n\t./a\n)\n', { spec: '1.23.1', kind: 'minimum', line: 1 }],
  ['go.mod legacy', 'go.mod', 'module x\ngo 1.16\n', { spec: '1.16', kind: 'minimum', line: 2 }],
];

for (const [name, kind, text, want] of ok) {
  test(`parses: ${name}`, () => {
    assert.deepEqual(parseVersionFile(kind, text, `/p/${kind}`), want);
  });
}

const bad: [name: string, kind: VersionFileName, text: string, line: number][] = [
  ['command substitution', '.go-version', '$(touch /tmp/x)\n', 1],
  ['backticks', '.go-version', '`id`\n', 1],
  ['semicolon', '.go-version', '1.22;rm -rf /\n', 1],
  ['space inside', '.go-version', '1.22 1.21\n', 1],
  ['two lines with specs', '.go-version', '1.22\n1.21\n', 2],
  ['path traversal', '.go-version', '../../etc\n', 1],
  ['dot dot', '.go-version', '..\n', 1],
  ['upper case', '.go-version', 'GO1.22\n', 1],
  ['leading zero', '.go-version', '1.022\n', 1],
  ['garbage word', '.go-version', 'banana\n', 1],
  ['CR inside', '.go-version', '1.2\r2\n', 1],
  ['tool-versions injection', '.tool-versions', 'golang $(id)\n', 1],
  ['tool-versions no version', '.tool-versions', 'golang\n', 1],
  ['go line two words', 'go.mod', 'module x\ngo 1.21 1.22\n', 2],
  ['go line latest', 'go.mod', 'module x\ngo latest\n', 2],
  ['go line with go prefix', 'go.mod', 'module x\ngo go1.21\n', 2],
  ['go line injection', 'go.mod', 'module x\ngo $(id)\n', 2],
  ['toolchain without go prefix', 'go.mod', 'go 1.21\ntoolchain 1.22.3\n', 2],
  ['toolchain injection', 'go.mod', 'go 1.21\ntoolchain go`id`\n', 2],
];

for (const [name, kind, text, line] of bad) {
  test(`refuses: ${name}`, () => {
    assert.throws(
      () => parseVersionFile(kind, text, `/p/${kind}`),
      (e: unknown) => isGovmError(e) && e.code === 'E_VERSION_FILE' && e.message.startsWith(`/p/${kind}:${line}: `),
    );
  });
}

test('priority within a folder', () => {
  assert.deepEqual(VERSION_FILES, ['.go-version', '.tool-versions', 'go.work', 'go.mod']);
});

test('checkPlainSpec names a source without a line', () => {
  assert.equal(checkPlainSpec('go1.22', 'GOVM_GO_VERSION', 0), '1.22');
  assert.throws(() => checkPlainSpec('1.22\n', 'GOVM_GO_VERSION', 0), /^GovmError: GOVM_GO_VERSION: /);
});

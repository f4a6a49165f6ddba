// Same answer everywhere, part 2: every row of the shared conformance table
// (test/conformance/cases.ts) against the `--use-on-cd` hook of bash and zsh
// (the sh resolver of the shims, run by the shell itself) and of fish (its own
// resolver), with real toolchains. The hook must put exactly the resolved
// GOROOT/bin first on PATH and set GOROOT, put nothing for a version that is
// not installed, malformed, absent or the system Go (the shims then answer),
// and never evaluate anything read from a file.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runGovm, type RunResult } from '../../helpers/cli.js';
import { prereq } from '../../helpers/prereq.js';
import { CASES, type ConformanceCase } from '../../conformance/cases.js';
import { buildCase, goVersionLine, makeTmp, toolchainsPresent, toolchainsReason, type BuiltCase } from '../../conformance/fixture.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Sh = (typeof SHELLS)[number];
const shellPath = (sh: string): string | undefined => [`/bin/${sh}`, `/usr/bin/${sh}`].find((p) => existsSync(p));

let tmp = '';
before(async () => {
  tmp = await makeTmp('govm hook ü-');
});
after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Only built-ins after the snippet: the case's PATH holds nothing but shims (and the system Go). */
function script(sh: Sh, snippet: string): string[] {
  if (sh === 'fish') {
    return ['--no-config', '-c', `source '${snippet}'; echo ---- >&2; printf '%s\\n' "active=$__govm_active" "goroot=$GOROOT" "first=$PATH[1]"; go version; echo "rc=$status"`];
  }
  const body = `. '${snippet}'; echo ---- >&2; printf '%s\\n' "active=\${__GOVM_ACTIVE-}" "goroot=\${GOROOT-}" "first=\${PATH%%:*}"; go version; echo "rc=$?"`;
  return sh === 'zsh' ? ['-f', '-c', body] : ['--norc', '--noprofile', '-c', body];
}

const show = (r: RunResult): string => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

function check(c: ConformanceCase, b: BuiltCase, sh: Sh, r: RunResult): void {
  const out = Object.fromEntries(r.stdout.split('\n').filter((l) => /^(active|goroot|first|rc)=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const goLine = r.stdout.split('\n').find((l) => l.startsWith('go version')) ?? '';
  const [hookErr = '', goErr = ''] = r.stderr.split('----\n');
  const e = c.expect;
  const ctx = `${sh}: ${show(r)}`;
  if ('run' in e) {
    assert.match(goLine, goVersionLine(e.run), ctx);
    assert.equal(out.rc, '0', ctx);
    assert.equal(hookErr, '', ctx);
    // A pre-release `go` line is left to govm by the sh resolver (status 4); the shims then decide.
    const deferred = sh !== 'fish' && c.name.includes('decided by govm');
    if (e.source === 'system' || deferred) {
      assert.equal(out.active, '', ctx);
      assert.equal(out.first, b.shims, ctx);
    } else {
      const root = join(b.home, 'versions', e.run);
      assert.equal(out.active, join(root, 'bin'), ctx);
      assert.equal(out.first, join(root, 'bin'), ctx);
      assert.equal(out.goroot, root, ctx);
    }
    return;
  }
  // Nothing usable: the hook adds nothing and the shim answers.
  assert.equal(out.active, '', ctx);
  assert.equal(out.first, b.shims, ctx);
  assert.equal(goLine, '', ctx);
  if ('missing' in e) {
    assert.equal(out.rc, '127', ctx);
    assert.equal(hookErr, '', ctx);
    assert.ok(goErr.includes(`govm install ${e.missing}`), ctx);
  } else if ('malformed' in e) {
    assert.equal(out.rc, '2', ctx);
    const where = e.line ? `${b.expectFile}:${e.line}: ` : `${b.expectFile}: `;
    assert.ok(hookErr.startsWith(`govm: ${where}`), `the hook names ${where}; ${ctx}`);
  } else {
    assert.equal(out.rc, '127', ctx);
    assert.equal(hookErr, '', ctx);
  }
}

CASES.forEach((c, n) => {
  test(`hook conformance: ${c.name}`, async (t) => {
    if (!prereq(t, toolchainsPresent(), toolchainsReason)) return;
    const b = await buildCase(tmp, c, n);
    for (const sh of SHELLS) {
      await t.test(sh, async (tt) => {
        const shell = shellPath(sh);
        if (!prereq(tt, shell !== undefined, `${sh} (apt)`)) return;
        const init = await runGovm(['init', sh, '--use-on-cd'], { env: b.env, cwd: b.cwd });
        assert.equal(init.code, 0, init.stderr);
        const snippet = join(tmp, `${n}-init.${sh}`);
        writeFileSync(snippet, init.stdout);
        check(c, b, sh, await run(shell!, script(sh, snippet), { cwd: b.cwd, env: b.env, timeoutMs: 60_000 }));
        if (c.mustNotCreate) {
          assert.equal(existsSync(join(b.cwd, c.mustNotCreate)), false, 'nothing from a version file was evaluated');
          assert.equal(existsSync(join(b.project, c.mustNotCreate)), false, 'nothing from a version file was evaluated');
        }
      });
    }
  });
});

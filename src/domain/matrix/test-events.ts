// `go test -json` event stream → per-test and per-package results. Pure and
// incremental: feed lines as they arrive (`push`), then `finish()`.
//
// Real streams are not all JSON: before Go 1.24 build errors go to stderr, and
// Go ≤ 1.22 prints `FAIL\t<pkg> [build failed]` / `[setup failed]` as plain text
// on stdout. Go 1.24+ adds `build-output`/`build-fail` events (ImportPath) and a
// `FailedBuild` field on the package's `fail` event.

export type Status = 'pass' | 'fail' | 'skip';

export interface TestResult {
  readonly package: string;
  /** `TestX` or `TestX/sub_case`. */
  readonly name: string;
  status: Status;
  /** Seconds, as go test reports them. */
  elapsed: number;
  /** The test's own output lines (`=== RUN`, logs, `--- FAIL`). */
  output: string;
}

export interface PackageResult {
  readonly name: string;
  /** `skip` is a package with no test files. */
  status: Status;
  elapsed: number;
  /** Package-level output (`ok`, `FAIL`, `PASS`, panics). */
  output: string;
  /** The failure was the build, not a test. */
  buildFailed: boolean;
}

export interface TestRun {
  readonly packages: PackageResult[];
  readonly tests: TestResult[];
}

export interface TestCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

interface Event {
  Action?: string;
  Package?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
  ImportPath?: string;
  FailedBuild?: string;
}

const PLAIN_FAIL = /^FAIL\t(\S+) \[(build|setup) failed\]\s*$/;
const MAX_OUTPUT = 64 * 1024;

export class TestEventParser {
  private readonly packages = new Map<string, PackageResult>();
  private readonly tests = new Map<string, TestResult>();
  private readonly buildOutput = new Map<string, string>();

  /**
   * Takes one stdout line (without its newline). Returns the human text the
   * line stands for (what plain `go test` would have printed), for the log.
   */
  push(line: string): string {
    const ev = parseEvent(line);
    if (!ev) {
      const m = PLAIN_FAIL.exec(line);
      if (m) {
        const p = this.pkg(m[1]!);
        p.status = 'fail';
        p.buildFailed = true;
        p.output = append(p.output, `${line}\n`);
      }
      return `${line}\n`;
    }
    const action = ev.Action ?? '';
    if (action === 'build-output' && ev.ImportPath) {
      this.buildOutput.set(ev.ImportPath, append(this.buildOutput.get(ev.ImportPath) ?? '', ev.Output ?? ''));
      return ev.Output ?? '';
    }
    if (action === 'build-fail') return '';
    if (!ev.Package) return ev.Output ?? '';
    const p = this.pkg(ev.Package);
    if (ev.Test) {
      const t = this.test(ev.Package, ev.Test);
      switch (action) {
        case 'output':
          t.output = append(t.output, ev.Output ?? '');
          break;
        case 'pass':
        case 'fail':
        case 'skip':
          t.status = action;
          t.elapsed = ev.Elapsed ?? 0;
          break;
        case 'bench':
          t.status = 'pass';
          break;
      }
      return action === 'output' ? (ev.Output ?? '') : '';
    }
    switch (action) {
      case 'output':
        p.output = append(p.output, ev.Output ?? '');
        if (/\[(build|setup) failed\]/.test(ev.Output ?? '')) p.buildFailed = true;
        return ev.Output ?? '';
      case 'pass':
      case 'fail':
      case 'skip':
        p.status = action;
        p.elapsed = ev.Elapsed ?? 0;
        if (ev.FailedBuild) {
          p.buildFailed = true;
          const out = this.buildOutput.get(ev.FailedBuild);
          if (out) p.output = append(out, p.output);
        }
        return '';
      default:
        return '';
    }
  }

  finish(): TestRun {
    // A test that never reported (panic, timeout, killed) keeps its initial 'fail'.
    return { packages: [...this.packages.values()], tests: [...this.tests.values()] };
  }

  private pkg(name: string): PackageResult {
    let p = this.packages.get(name);
    if (!p) {
      p = { name, status: 'pass', elapsed: 0, output: '', buildFailed: false };
      this.packages.set(name, p);
    }
    return p;
  }

  private test(pkg: string, name: string): TestResult {
    const key = `${pkg}\u0000${name}`;
    let t = this.tests.get(key);
    if (!t) {
      t = { package: pkg, name, status: 'fail', elapsed: 0, output: '' };
      this.tests.set(key, t);
    }
    return t;
  }
}

function parseEvent(line: string): Event | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(line) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Event) : undefined;
  } catch {
    return undefined;
  }
}

function append(buf: string, more: string): string {
  if (buf.length >= MAX_OUTPUT) return buf;
  const next = buf + more;
  return next.length > MAX_OUTPUT ? `${next.slice(0, MAX_OUTPUT)}\n… (output truncated)\n` : next;
}

/** Parses a whole recorded stream. */
export function parseTestStream(text: string): TestRun {
  const p = new TestEventParser();
  for (const line of text.split('\n')) if (line !== '') p.push(line.replace(/\r$/, ''));
  return p.finish();
}

/** Counts leaf results: a parent test whose subtests reported is not counted twice. */
export function countTests(run: TestRun): TestCounts {
  const leaves = leafTests(run.tests);
  return {
    total: leaves.length,
    passed: leaves.filter((t) => t.status === 'pass').length,
    failed: leaves.filter((t) => t.status === 'fail').length,
    skipped: leaves.filter((t) => t.status === 'skip').length,
  };
}

/** Tests that have no subtests in the run. */
export function leafTests(tests: readonly TestResult[]): TestResult[] {
  const parents = new Set<string>();
  for (const t of tests) {
    const i = t.name.lastIndexOf('/');
    if (i > 0) parents.add(`${t.package}\u0000${t.name.slice(0, i)}`);
  }
  return tests.filter((t) => !parents.has(`${t.package}\u0000${t.name}`));
}

/** Failed tests, plus packages that failed without a failing test (build/setup failures, panics in init). */
export function failures(run: TestRun): { package: string; test: string | undefined; output: string; buildFailed: boolean }[] {
  const failedTests = leafTests(run.tests).filter((t) => t.status === 'fail');
  const out = failedTests.map((t) => ({ package: t.package, test: t.name as string | undefined, output: t.output, buildFailed: false }));
  for (const p of run.packages) {
    if (p.status === 'fail' && !failedTests.some((t) => t.package === p.name)) {
      out.push({ package: p.name, test: undefined, output: p.output, buildFailed: p.buildFailed });
    }
  }
  return out;
}

// `govm matrix`: a command over Go versions × platforms, in parallel, with reports.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { collect, sandboxFlags, type SandboxFlags } from './sandbox-flags.js';

interface MatrixFlags extends Omit<SandboxFlags, 'go'> {
  go?: string[];
  platform?: string[];
  sandbox?: boolean;
  jobs?: string;
  failFast?: boolean;
  report?: string;
  json?: boolean;
}

export function register(program: Command, ctx: Context): void {
  sandboxFlags(
    program
      .command('matrix')
      .usage('--go <versions> [options] -- <command> [args…]')
      .description('run a command with several Go versions (and platforms) in parallel; table, reports, non-zero exit if a cell fails')
      .argument('<command...>', 'the command (after --); `go test` runs with -json for per-test results')
      .option('--go <versions>', 'versions, comma-separated or repeated, or `auto` (go.mod\'s go line to the newest release)', collect)
      .option('--platform <list>', 'GOOS/GOARCH targets, comma-separated (default: the host\'s)', collect)
      .option('--sandbox', 'run each cell in a container (see govm sandbox)')
      .option('-j, --jobs <n>', 'cells at once (default: the number of cores)')
      .option('--fail-fast', 'stop at the first failing cell')
      .option('--report <dir>', 'write report.json, junit.xml, report.html, summary.md and logs/ there')
      .option('--json', 'print the JSON report instead of the table'),
    false,
  ).action(async (command: string[], opts: MatrixFlags) => {
    const [{ runMatrix }, { GovmError }, { renderTable }, { toJsonReport, runOk }] = await Promise.all([
      import('../services/matrix/run.js'),
      import('../errors.js'),
      import('../domain/reports/table.js'),
      import('../domain/reports/model.js'),
    ]);
    if (!opts.go?.length) throw new GovmError('E_USAGE', 'matrix needs --go', { hint: 'e.g. --go 1.21,1.22,1.23 or --go auto' });
    if (opts.jobs !== undefined && !/^[1-9]\d*$/.test(opts.jobs)) throw new GovmError('E_USAGE', `invalid --jobs '${opts.jobs}'`, { hint: 'a whole number ≥ 1' });
    const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
    const res = await runMatrix(ctx, { ...opts, go: undefined, goList: opts.go, jobs }, command);
    if (opts.json) ctx.out.json(toJsonReport(res.run));
    else ctx.out.stdout.write(renderTable(res.run, ctx.out));
    ctx.out.info(`logs: ${res.logDir}`);
    for (const f of res.reportFiles) ctx.out.info(`report: ${f}`);
    if (res.interrupted) {
      const { signalCode } = await import('../integrations/engines/container.js');
      process.exitCode = signalCode(res.interrupted);
      return;
    }
    if (!runOk(res.run)) {
      const failed = res.run.outcomes.filter((o) => o.status !== 'pass').length;
      throw new GovmError('E_CELLS_FAILED', `${failed} of ${res.run.outcomes.length} matrix cells failed`, { hint: `see the table above and the logs in ${res.logDir}` });
    }
  });
}

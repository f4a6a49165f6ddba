// `govm doctor`: gather facts (services/doctor/probes.ts), run the pure checks
// (domain/doctor.ts), print ✓/✗ with what was found and the fix.
import type { Context } from '../context.js';
import { runChecks, type Check } from '../domain/doctor.js';
import { GovmError } from '../errors.js';
import { gatherFacts, realExec, type ProbeDeps } from './doctor/probes.js';

export async function doctor(ctx: Context, opts: { json?: boolean }, deps?: Partial<ProbeDeps>): Promise<Check[]> {
  const facts = await gatherFacts(ctx, { exec: deps?.exec ?? realExec, uid: deps?.uid ?? process.getuid?.() });
  const checks = runChecks(facts);
  const failed = checks.filter((c) => !c.ok);
  if (opts.json) {
    ctx.out.json({ ok: failed.length === 0, checks: checks.map((c) => ({ id: c.id, title: c.title, status: c.status, ok: c.ok, found: c.found, fix: c.fix ?? null })) });
  } else {
    const o = ctx.out;
    for (const c of checks) {
      const mark = c.status === 'pass' ? o.green('✓') : c.status === 'fail' ? o.red('✗') : o.dim('-');
      o.print(`${mark} ${c.title}: ${c.status === 'skip' ? o.dim(c.found) : c.found}`);
      if (c.fix) o.print(`    fix: ${c.fix}`);
    }
  }
  if (failed.length > 0) {
    throw new GovmError('E_DOCTOR', `${failed.length} check${failed.length > 1 ? 's' : ''} failed: ${failed.map((c) => c.id).join(', ')}`);
  }
  return checks;
}

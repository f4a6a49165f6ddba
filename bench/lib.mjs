// Shared helpers for benches (bench/*.mjs). Benches are not tests: they print
// figures, they do not assert. Run one with `node bench/<name>.mjs`, all with
// `npm run bench`.
//
//   timeCommand(cmd, args, { env, cwd })  → wall-clock ms of one child process
//   interleave(rounds, cases, opts)       → runs A,B,C,A,B,C… and prints a table
//   reportRatio(results, a, b, target)    → a/b with its 95% interval, against a target
//
// A case is `{ name, run: async () => ms, skip?: 'reason' }`: `run` does its own
// untimed set-up and clean-up and returns the ms of the part that counts
// (usually the result of timeCommand). Interleaving spreads drift (thermal,
// page cache, other load) over all cases instead of biasing whichever ran last.
import { spawn } from 'node:child_process';

/** Runs a command to completion; resolves to its wall-clock ms; rejects (with its stderr) when it fails. */
export function timeCommand(cmd, args = [], { env = process.env, cwd, stdio = 'pipe' } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, cwd, stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d) => {
      out += d;
      if (out.length > 16_384) out = out.slice(-8_192);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${out.trim()}`));
    });
  });
}

/** Times an async function. */
export async function timeFn(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/**
 * Runs `warmup` untimed rounds, then `rounds` timed rounds of every case in turn
 * (A,B,C,A,B,C…). Prints a table (median, min, max, ratio of medians against
 * `baseline`) and returns `{ [name]: { samples, median, min, max, ratio } }`.
 * A case with `skip` set is listed with its reason and not run.
 */
export async function interleave(rounds, cases, { baseline, title, warmup = 1, log = (s) => process.stdout.write(`${s}\n`) } = {}) {
  const active = cases.filter((c) => !c.skip);
  const samples = Object.fromEntries(active.map((c) => [c.name, []]));
  for (let r = -warmup; r < rounds; r++) {
    for (const c of active) {
      const ms = await c.run(r);
      if (r >= 0) samples[c.name].push(ms);
      else if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new Error(`case ${c.name} returned ${ms}, not ms`);
    }
    if (r >= 0) process.stderr.write(`  round ${r + 1}/${rounds}: ${active.map((c) => `${c.name} ${fmtMs(samples[c.name][r])}`).join(', ')}\n`);
  }
  const results = {};
  for (const c of active) {
    const xs = samples[c.name];
    results[c.name] = { samples: xs, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
  }
  const base = baseline && results[baseline] ? results[baseline].median : undefined;
  for (const r of Object.values(results)) r.ratio = base ? r.median / base : undefined;
  log(renderTable(title, rounds, cases, results, baseline));
  return results;
}

function renderTable(title, rounds, cases, results, baseline) {
  const rows = [['case', 'median', 'min', 'max', baseline ? `× ${baseline}` : '']];
  for (const c of cases) {
    const r = results[c.name];
    if (!r) rows.push([c.name, 'skipped', c.skip ?? '', '', '']);
    else rows.push([c.name, fmtMs(r.median), fmtMs(r.min), fmtMs(r.max), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.filter((row) => row[1] !== 'skipped' || i < 2).map((row) => String(row[i]).length)));
  const line = (row) => (row[1] === 'skipped' ? `  ${row[0].padEnd(widths[0])}  skipped: ${row[2]}` : `  ${row.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ')}`.trimEnd());
  return [`${title ?? 'bench'} (${rounds} interleaved rounds)`, ...rows.map(line)].join('\n');
}

/** A small seeded generator (mulberry32): the same samples give the same interval. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The ratio of medians `a/b` and its percentile-bootstrap interval (95% by
 * default). Whole rounds are resampled, keeping each round's cases together:
 * they ran back to back, so drift over the run cancels in the pairs.
 */
export function ratioInterval(results, a, b, { level = 0.95, iterations = 4000, seed = 1 } = {}) {
  const xa = results[a].samples;
  const xb = results[b].samples;
  const n = Math.min(xa.length, xb.length);
  const ratio = results[a].median / results[b].median;
  const next = seeded(seed);
  const ratios = [];
  const ra = new Array(n);
  const rb = new Array(n);
  for (let i = 0; i < iterations; i++) {
    for (let j = 0; j < n; j++) {
      const k = Math.floor(next() * n);
      ra[j] = xa[k];
      rb[j] = xb[k];
    }
    ratios.push(median(ra) / median(rb));
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  const at = (q) => ratios[Math.min(iterations - 1, Math.max(0, Math.round(q * (iterations - 1))))];
  return { ratio, low: at(tail), high: at(1 - tail), level };
}

/**
 * Prints the ratio of medians `a/b` with its 95% interval, against a target
 * when one is given. Returns true when the whole interval is within the
 * target, false when the whole interval misses it, undefined otherwise (the
 * noise allows either: more rounds settle it) or without a target.
 */
export function reportRatio(results, a, b, target, log = (s) => process.stdout.write(`${s}\n`)) {
  if (!results[a] || !results[b]) return undefined;
  const { ratio, low, high } = ratioInterval(results, a, b);
  const shown = `${a} / ${b} = ${ratio.toFixed(3)}× (95% interval ${low.toFixed(3)}–${high.toFixed(3)}×)`;
  if (target === undefined) {
    log(`  ${shown}`);
    return undefined;
  }
  const met = high <= target ? true : low > target ? false : undefined;
  const verdict = met === true ? 'met' : met === false ? 'NOT met' : 'not settled: the interval spans it, more rounds would tell';
  log(`  ${shown}; target ≤ ${target.toFixed(2)}×: ${verdict}`);
  return met;
}

// The `govm` command (dist/govm.cjs, CommonJS: the cheapest thing Node starts).
// `--version` and `govm current` — what prompts and scripts call — are
// answered from this one small file; everything else loads the ESM bundle.
import pkg from '../package.json' with { type: 'json' };
import { runCurrent } from './commands/current.js';
import { processContext } from './context.js';
import { renderFailure } from './errors.js';

const args = process.argv.slice(2);

async function hot(): Promise<void> {
  try {
    await runCurrent(processContext(), { json: args.length > 1 });
  } catch (e) {
    process.exitCode = renderFailure(e, process.stderr, process.env);
  }
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${pkg.version}\n`);
} else if (args[0] === 'current' && args.slice(1).every((a) => a === '--json')) {
  void hot();
} else {
  // Kept external by scripts/build.mjs: resolves to dist/govm.mjs.
  void import('./cli.js').then((m) => m.main(args));
}

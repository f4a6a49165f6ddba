// The `govm` command (dist/govm.cjs, CommonJS: the cheapest thing Node starts).
// `--version` and `govm current` — what prompts and scripts call — are
// answered from this one small file; everything else loads the ESM bundle.
import pkg from '../package.json' with { type: 'json' };

const args = process.argv.slice(2);

// Bundled, but imported lazily: `--version` initialises none of it.
async function hot(): Promise<void> {
  const { renderFailure } = await import('./errors.js');
  try {
    const [{ runCurrent }, { processContext }, { fdWriter }] = await Promise.all([
      import('./commands/current.js'),
      import('./context.js'),
      import('./integrations/terminal/fd-writer.js'),
    ]);
    await runCurrent(processContext({ stdout: fdWriter(1), stderr: fdWriter(2) }), { json: args.length > 1 });
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

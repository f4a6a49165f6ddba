#!/usr/bin/env node
// Entry point. `--version` answers before anything else loads; every error is
// rendered here and only here.
import pkg from '../package.json' with { type: 'json' };

const { version } = pkg;

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  void main(argv);
}

async function main(args: string[]): Promise<void> {
  const { GovmError, isGovmError, formatError, EXIT } = await import('./errors.js');
  try {
    if (args[0] === 'current' && args.slice(1).every((a) => a === '--json')) {
      // Hot path (prompts, scripts): skip commander and the command table.
      const [{ runCurrent }, { processContext }] = await Promise.all([import('./commands/current.js'), import('./context.js')]);
      await runCurrent(processContext(), { json: args.length > 1 });
      return;
    }
    const [{ buildProgram }, { processContext }] = await Promise.all([
      import('./commands/index.js'),
      import('./context.js'),
    ]);
    const program = buildProgram(processContext(), version);
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string; stack?: string };
    if (isGovmError(e)) {
      process.stderr.write(`${formatError(e)}\n`);
      if (process.env.GOVM_DEBUG) process.stderr.write(`${e.stack}\n`);
      process.exitCode = e.exitCode;
    } else if (typeof err.code === 'string' && err.code.startsWith('commander.')) {
      // commander already printed its message (or help/version, which exit 0).
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
    } else {
      const wrapped = new GovmError('E_INTERNAL', `unexpected error: ${err.message ?? String(e)}`, {
        hint: process.env.GOVM_DEBUG ? undefined : 'run with GOVM_DEBUG=1 for the stack trace, and report it',
      });
      process.stderr.write(`${formatError(wrapped)}\n`);
      if (process.env.GOVM_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
      process.exitCode = wrapped.exitCode;
    }
  }
}

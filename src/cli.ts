// The ESM main bundle (dist/govm.mjs): every command through commander. The
// installed `govm` is the small launcher in src/bin.ts, which answers the hot
// paths itself and imports this module for everything else.
import pkg from '../package.json' with { type: 'json' };
import { renderFailure } from './errors.js';

export async function main(args: string[]): Promise<void> {
  try {
    const [{ buildProgram }, { processContext }] = await Promise.all([import('./commands/index.js'), import('./context.js')]);
    await buildProgram(processContext(), pkg.version).parseAsync(args, { from: 'user' });
  } catch (e) {
    process.exitCode = renderFailure(e, process.stderr, process.env);
  }
}

// Run directly (`node dist/govm.mjs …`), not when imported by the launcher.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  void main(process.argv.slice(2));
}

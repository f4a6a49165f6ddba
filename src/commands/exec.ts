import type { Command } from 'commander';
import type { Context } from '../context.js';

export function register(program: Command, ctx: Context): void {
  program
    .command('exec')
    .usage('[version] -- <command> [args…]')
    .description('run one command with a given Go (or the one resolved here): its bin/ first on PATH, GOROOT set, GOTOOLCHAIN=local unless set')
    .argument('[args...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (_args: string[], _opts: unknown, cmd: Command) => {
      const { splitExecArgs, execCommand } = await import('../services/exec.js');
      // commander drops `--`; the raw argv keeps it and tells the spec from the command.
      const raw = ((cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? []);
      const at = raw.indexOf('exec');
      const { spec, command } = splitExecArgs(at === -1 ? _args : raw.slice(at + 1));
      process.exitCode = await execCommand(ctx, spec, command);
    });
}

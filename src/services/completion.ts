// `govm completion <shell>`: scripts generated from the CLI's command table.
import type { Context } from '../context.js';
import { completionModel, type CommandLike } from '../integrations/shells/completion-model.js';
import { completionScript } from '../integrations/shells/completions.js';
import { checkShell, COMPLETION_SHELLS } from '../integrations/shells/shared.js';

export function completionFor(ctx: Context, program: CommandLike, shellName: string | undefined): string {
  const shell = checkShell(shellName, COMPLETION_SHELLS, 'govm completion');
  return completionScript(shell, completionModel(program), ctx.layout.root);
}

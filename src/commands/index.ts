// The CLI's command table. Command modules are light (commander wiring only);
// each action imports its service lazily so start-up loads nothing heavy.
import { Command } from 'commander';
import type { Context } from '../context.js';
import { register as cache } from './cache.js';
import { register as config } from './config.js';
import { register as install } from './install.js';
import { register as ls } from './ls.js';
import { register as lsRemote } from './ls-remote.js';
import { register as uninstall } from './uninstall.js';
import { register as current } from './current.js';
import { register as exec } from './exec.js';
import { register as global } from './global.js';
import { register as use } from './use.js';
import { register as which } from './which.js';
import { register as completion } from './completion.js';
import { register as doctor } from './doctor.js';
import { register as env } from './env.js';
import { register as init } from './init.js';
import { register as shell } from './shell.js';
import { register as sandbox } from './sandbox.js';
import { register as matrix } from './matrix.js';

export type Registrar = (program: Command, ctx: Context) => void;

const registrars: Registrar[] = [install, uninstall, ls, lsRemote, cache, config];
registrars.push(global, use, current, exec, which);
registrars.push(shell, env, init, completion, doctor);
registrars.push(sandbox, matrix);

export function buildProgram(ctx: Context, version: string): Command {
  const program = new Command('govm')
    .description('Go toolchain manager and Go sandbox')
    .version(version, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out.stdout.write(s), writeErr: (s) => ctx.out.stderr.write(s) });
  for (const r of registrars) r(program, ctx);
  for (const c of program.commands) c.exitOverride();
  return program;
}

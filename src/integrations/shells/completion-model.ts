// The shape of the CLI, read from the commander program, that every
// completion script is generated from: commands (one level of subcommands),
// their options, and which ones take Go versions (completed from the installed
// folders by the shell itself, without starting govm).

/** The parts of commander's Command/Option/Argument we read (structural, so tests can build one). */
export interface OptionLike {
  readonly long?: string;
  readonly short?: string;
  readonly required: boolean;
  readonly optional: boolean;
  readonly hidden: boolean;
  readonly negate?: boolean;
  readonly argChoices?: string[];
  readonly description: string;
}
export interface ArgumentLike {
  name(): string;
  readonly argChoices?: string[];
}
export interface CommandLike {
  name(): string;
  aliases(): string[];
  description(): string;
  readonly commands: readonly CommandLike[];
  readonly options: readonly OptionLike[];
  readonly registeredArguments: readonly ArgumentLike[];
  /** commander keeps `hidden` private; `_hidden` is read when present. */
  readonly _hidden?: boolean;
}

export interface CompletionOption {
  /** `--force`, `-f` */
  readonly names: readonly string[];
  readonly takesValue: boolean;
  readonly choices: readonly string[];
  readonly description: string;
}

export interface CompletionCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly options: readonly CompletionOption[];
  /** Choices of positional arguments (e.g. shell names). */
  readonly argChoices: readonly string[];
  /** A positional argument is a Go version spec: complete installed versions. */
  readonly takesVersion: boolean;
  readonly subcommands: readonly CompletionCommand[];
}

export interface CompletionModel {
  readonly commands: readonly CompletionCommand[];
  readonly globalOptions: readonly CompletionOption[];
}

/** Argument names that hold a Go version spec. */
const VERSION_ARG = /^(spec|specs|version|versions)$/i;

function option(o: OptionLike): CompletionOption {
  return {
    names: [o.long, o.short].filter((n): n is string => Boolean(n)),
    takesValue: o.required || o.optional,
    choices: o.argChoices ?? [],
    description: firstLine(o.description),
  };
}

const firstLine = (s: string): string => (s.split('\n')[0] ?? '').trim();

function command(c: CommandLike): CompletionCommand {
  return {
    name: c.name(),
    aliases: c.aliases(),
    description: firstLine(c.description()),
    options: [
      ...c.options.filter((o) => !o.hidden).map(option),
      { names: ['--help', '-h'], takesValue: false, choices: [], description: 'display help' },
    ],
    argChoices: c.registeredArguments.flatMap((a) => a.argChoices ?? []),
    // `govm exec [version] -- cmd…` declares its arguments as one list.
    takesVersion: c.registeredArguments.some((a) => VERSION_ARG.test(a.name())) || c.name() === 'exec',
    subcommands: c.commands.filter((s) => !s._hidden && s.name() !== 'help').map(command),
  };
}

export function completionModel(program: CommandLike): CompletionModel {
  return {
    commands: program.commands.filter((c) => !c._hidden && c.name() !== 'help').map(command),
    globalOptions: [
      ...program.options.filter((o) => !o.hidden).map(option),
      { names: ['--help', '-h'], takesValue: false, choices: [], description: 'display help' },
    ],
  };
}

/** Every name a command answers to. */
export const namesOf = (c: CompletionCommand): string[] => [c.name, ...c.aliases];

/** Words allowed in generated scripts unquoted: command/option names and choices. */
export function safeWord(w: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.+-]*$|^--?[A-Za-z0-9][A-Za-z0-9-]*$/.test(w)) {
    throw new Error(`completion: unexpected word ${JSON.stringify(w)}`);
  }
  return w;
}

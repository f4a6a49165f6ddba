// Results go to stdout; logs, warnings and progress to stderr. Colour only on a
// TTY and never with NO_COLOR.
import type { Writable } from 'node:stream';

type Stream = Writable & { isTTY?: boolean };

export class Output {
  constructor(
    readonly stdout: Stream,
    readonly stderr: Stream,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  get stderrIsTTY(): boolean {
    return Boolean(this.stderr.isTTY);
  }

  /** Colour only on a terminal, never with NO_COLOR or TERM=dumb. */
  get color(): boolean {
    return Boolean(this.stdout.isTTY) && this.env.NO_COLOR === undefined && this.env.TERM !== 'dumb';
  }

  /** One line of result. */
  print(line = ''): void {
    this.stdout.write(`${line}\n`);
  }

  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A log line for humans (stderr). */
  info(line: string): void {
    this.stderr.write(`${line}\n`);
  }

  warn(line: string): void {
    this.stderr.write(`${this.paint('33', 'warning:')} ${line}\n`);
  }

  paint(code: string, s: string): string {
    return this.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }

  green = (s: string): string => this.paint('32', s);
  red = (s: string): string => this.paint('31', s);
  dim = (s: string): string => this.paint('2', s);
  bold = (s: string): string => this.paint('1', s);
}

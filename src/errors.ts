// The one error type govm throws for expected failures. It is rendered in one
// place (src/cli.ts); codes and exit codes are stable and documented in README.

export const EXIT = {
  generic: 1,
  usage: 2,
  notFound: 3,
  network: 4,
  checksum: 5,
  unsafeArchive: 6,
  filesystem: 7,
  engine: 8,
  cellsFailed: 9,
  doctor: 10,
  notInstalled: 127,
} as const;

export type ErrorCode =
  | 'E_USAGE'
  | 'E_SPEC_MALFORMED'
  | 'E_VERSION_NOT_FOUND'
  | 'E_NOT_INSTALLED'
  | 'E_NO_ARTIFACT'
  | 'E_INDEX_INVALID'
  | 'E_NETWORK'
  | 'E_HTTP_STATUS'
  | 'E_INSECURE_URL'
  | 'E_OFFLINE'
  | 'E_CHECKSUM'
  | 'E_SIZE'
  | 'E_UNSAFE_ARCHIVE'
  | 'E_ARCHIVE'
  | 'E_LOCK'
  | 'E_FS'
  | 'E_CONFIG'
  | 'E_VERSION_FILE'
  | 'E_NO_VERSION'
  | 'E_ENGINE_MISSING'
  | 'E_ENGINE_UNREACHABLE'
  | 'E_IMAGE_MISSING'
  | 'E_CELLS_FAILED'
  | 'E_DOCTOR'
  | 'E_INTERNAL';

export const EXIT_BY_CODE: Record<ErrorCode, number> = {
  E_USAGE: EXIT.usage,
  E_SPEC_MALFORMED: EXIT.usage,
  E_VERSION_NOT_FOUND: EXIT.notFound,
  E_NOT_INSTALLED: EXIT.notInstalled,
  E_NO_ARTIFACT: EXIT.notFound,
  E_INDEX_INVALID: EXIT.network,
  E_NETWORK: EXIT.network,
  E_HTTP_STATUS: EXIT.network,
  E_INSECURE_URL: EXIT.usage,
  E_OFFLINE: EXIT.network,
  E_CHECKSUM: EXIT.checksum,
  E_SIZE: EXIT.checksum,
  E_UNSAFE_ARCHIVE: EXIT.unsafeArchive,
  E_ARCHIVE: EXIT.unsafeArchive,
  E_LOCK: EXIT.filesystem,
  E_FS: EXIT.filesystem,
  E_CONFIG: EXIT.usage,
  E_VERSION_FILE: EXIT.usage,
  E_NO_VERSION: EXIT.notFound,
  E_ENGINE_MISSING: EXIT.engine,
  E_ENGINE_UNREACHABLE: EXIT.engine,
  E_IMAGE_MISSING: EXIT.engine,
  E_CELLS_FAILED: EXIT.cellsFailed,
  E_DOCTOR: EXIT.doctor,
  E_INTERNAL: EXIT.generic,
};

export interface GovmErrorOptions {
  hint?: string;
  exitCode?: number;
  cause?: unknown;
}

export class GovmError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, opts: GovmErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GovmError';
    this.code = code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? EXIT_BY_CODE[code];
  }
}

/** Also true for a GovmError from another bundle's copy of this class (the launcher loads ESM chunks). */
export function isGovmError(e: unknown): e is GovmError {
  if (e instanceof GovmError) return true;
  if (!(e instanceof Error) || e.name !== 'GovmError') return false;
  const x = e as Error & { code?: unknown; exitCode?: unknown };
  return typeof x.code === 'string' && typeof x.exitCode === 'number';
}

/** Text of the error for a terminal: `govm: message` then an indented hint. */
export function formatError(e: GovmError): string {
  const lines = [`govm: ${e.message} [${e.code}]`];
  if (e.hint) lines.push(`  hint: ${e.hint}`);
  return lines.join('\n');
}

/**
 * The one place failures are rendered: a GovmError as one line plus its hint,
 * commander's own errors (already printed) as usage errors, anything else as an
 * internal error. Stack traces only with GOVM_DEBUG. Returns the exit code.
 */
export function renderFailure(e: unknown, stderr: { write(s: string): unknown }, env: Readonly<Record<string, string | undefined>>): number {
  const debug = Boolean(env.GOVM_DEBUG);
  const err = e as { code?: unknown; exitCode?: number; message?: string; stack?: string };
  if (isGovmError(e)) {
    stderr.write(`${formatError(e)}\n`);
    if (debug) stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  if (typeof err?.code === 'string' && err.code.startsWith('commander.')) {
    return err.exitCode === 0 ? 0 : EXIT.usage;
  }
  const wrapped = new GovmError('E_INTERNAL', `unexpected error: ${err?.message ?? String(e)}`, {
    hint: debug ? undefined : 'run with GOVM_DEBUG=1 for the stack trace, and report it',
  });
  stderr.write(`${formatError(wrapped)}\n`);
  if (debug) stderr.write(`${err?.stack ?? ''}\n`);
  return wrapped.exitCode;
}

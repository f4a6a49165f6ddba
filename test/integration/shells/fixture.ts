// A real GOVM_HOME for shell tests: versions/<name> are Debian's GOROOTs
// (/usr/lib/go-1.X, symlinked), plus a bin folder with a `govm` command that
// runs the bundle, as an npm install would put on PATH.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOVM_BIN } from '../../helpers/cli.js';

export interface Toolchain {
  /** `1.22.12` */
  readonly name: string;
  readonly root: string;
}

/** Debian's toolchain of a minor line, when installed (scripts/ci/packages.sh installs them). */
export function debianToolchain(minor: string): Toolchain | undefined {
  const root = `/usr/lib/go-${minor}`;
  if (!existsSync(join(root, 'bin', 'go'))) return undefined;
  const v = readFileSync(join(root, 'VERSION'), 'utf8').split('\n')[0]!.trim().replace(/^go/, '');
  return { name: v, root };
}

export function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Fixture {
  readonly base: string;
  readonly home: string;
  /** Folder holding the `govm` command. */
  readonly bin: string;
}

/** A temp folder with GOVM_HOME (name may hold odd characters) and the govm command. */
export function makeFixture(toolchains: readonly Toolchain[], homeName = 'home'): Fixture {
  const base = mkdtempSync(join(tmpdir(), 'govm-sh-'));
  const home = join(base, homeName);
  mkdirSync(join(home, 'versions'), { recursive: true });
  for (const t of toolchains) symlinkSync(t.root, join(home, 'versions', t.name));
  const bin = join(base, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'govm'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(GOVM_BIN)} "$@"\n`);
  chmodSync(join(bin, 'govm'), 0o755);
  return { base, home, bin };
}

/** A PATH without any go: the govm bin folder and the system folders. */
export function basePath(f: Fixture): string {
  return [f.bin, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(':');
}

export function shellEnv(f: Fixture, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: basePath(f), HOME: f.base, LANG: 'C.UTF-8', NO_COLOR: '1', GOVM_HOME: f.home, ...extra };
}

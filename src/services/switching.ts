// `govm global`, `govm use`/`local`, `govm current`, `govm which`.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { GovmError } from '../errors.js';
import { pickInstalled } from '../domain/resolution.js';
import { checkPlainSpec, parseGoVersion } from '../domain/version-files.js';
import { writeFileAtomicSync } from '../stores/atomic-file.js';
import { listInstalled } from '../stores/versions.js';
import { noVersionError, notInstalledError, programPath, resolveActive, workingDir } from './resolve.js';

/** Normalises a spec typed by the user to what a version file holds (`go1.22` → `1.22`). */
export function normalizeSpec(input: string): string {
  return checkPlainSpec(input.trim().toLowerCase(), 'version argument', 0);
}

async function warnIfMissing(ctx: Context, spec: string): Promise<void> {
  if (spec === 'oldstable') return;
  const hit = pickInstalled({ spec, kind: 'exact' }, await listInstalled(ctx.layout));
  if (!hit) ctx.out.warn(`Go ${spec} is not installed yet; run: govm install ${spec}`);
}

export async function readGlobal(ctx: Context): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(ctx.layout.globalFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseGoVersion(text, ctx.layout.globalFile)?.spec;
}

export async function setGlobal(ctx: Context, input: string | undefined): Promise<string | undefined> {
  if (input === undefined) {
    await rm(ctx.layout.globalFile, { force: true });
    return undefined;
  }
  const spec = normalizeSpec(input);
  writeFileAtomicSync(ctx.layout.globalFile, `${spec}\n`);
  await warnIfMissing(ctx, spec);
  return spec;
}

/** Writes (or with undefined, removes) `.go-version` in the working folder; returns its path. */
export async function setLocal(ctx: Context, input: string | undefined): Promise<string> {
  const file = join(workingDir(ctx), '.go-version');
  if (input === undefined) {
    await rm(file, { force: true });
    return file;
  }
  const spec = normalizeSpec(input);
  writeFileAtomicSync(file, `${spec}\n`);
  await warnIfMissing(ctx, spec);
  return file;
}

export async function which(ctx: Context, program: string): Promise<string> {
  if (!/^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/.test(program)) {
    throw new GovmError('E_USAGE', `'${program}' is not a program name`);
  }
  const a = await resolveActive(ctx);
  if (a.source === 'none') throw noVersionError();
  if (!a.installed) throw notInstalledError(a);
  const path = programPath(ctx, a, program);
  if (!path) {
    const where = a.source === 'system' ? 'on PATH' : `in Go ${a.name} (${a.root})`;
    throw new GovmError('E_VERSION_NOT_FOUND', `no program '${program}' ${where}`);
  }
  return path;
}

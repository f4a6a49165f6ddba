// Creates an archive's symlinks once every other entry is on disk. Deferring
// them means no extraction step can ever follow a link the archive planted;
// EntryPolicy.finish() has already proved each one stays inside the root.
import { copyFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { GovmError } from '../../errors.js';
import type { ResolvedSymlink } from './entry-policy.js';

/**
 * Creates each link at dest/rel. Where the OS refuses symlinks (EPERM/EACCES,
 * e.g. Windows without Developer Mode) a link to a regular file of the archive
 * becomes a copy of that file; any other refused link fails clearly.
 */
export async function createSymlinks(
  dest: string,
  links: ResolvedSymlink[],
  platform: NodeJS.Platform = process.platform,
  makeLink: typeof symlink = symlink,
): Promise<void> {
  for (const l of links) {
    const at = join(dest, ...l.rel.split('/'));
    const target = platform === 'win32' ? l.target.replace(/\//g, '\\') : l.target;
    try {
      await makeLink(target, at, l.resolvedKind === 'dir' ? 'dir' : 'file');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'EPERM' || code === 'EACCES') && (l.resolvedKind === 'file' || l.resolvedKind === 'hardlink')) {
        await copyFile(join(dest, ...l.resolved.split('/')), at);
        continue;
      }
      throw new GovmError('E_FS', `cannot create symlink ${JSON.stringify(l.rel)} -> ${JSON.stringify(l.target)}: ${code ?? (e as Error).message}`, {
        hint: code === 'EPERM' ? 'this system does not allow symlinks for this user (on Windows enable Developer Mode)' : undefined,
        cause: e,
      });
    }
  }
}

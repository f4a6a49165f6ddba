// Writes accepted archive entries below one root with synchronous fs calls.
// Measured on a real Go archive (14k files) this costs ~30% less CPU than
// per-file write streams (no thread-pool round trip per open/write/close);
// decompression still runs off the main thread. It also makes failure simple:
// when an extractor rejects, no write is in flight, so the caller can delete
// its staging folder without racing late writes.
import { closeSync, copyFileSync, futimesSync, linkSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One file being written; feed it chunks in order, then close it. */
export class FileSink {
  private fd: number | undefined;

  constructor(
    private readonly owner: TreeWriter,
    fd: number,
    readonly label: string,
  ) {
    this.fd = fd;
  }

  write(chunk: Uint8Array): void {
    if (this.fd === undefined) return;
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off, chunk.length - off);
  }

  /** Closes the file, stamping its modification time if given. */
  close(mtime?: Date): void {
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    this.owner.forget(this);
    try {
      if (mtime) futimesSync(fd, mtime, mtime);
    } finally {
      closeSync(fd);
    }
  }

  /** Closes without finishing (the file stays truncated; the caller removes the tree). */
  abandon(): void {
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    this.owner.forget(this);
    try {
      closeSync(fd);
    } catch {
      /* nothing more to do */
    }
  }
}

export class TreeWriter {
  private readonly dirs = new Set<string>();
  private readonly open = new Set<FileSink>();

  constructor(readonly root: string) {}

  abs(rel: string): string {
    return rel === '' ? this.root : join(this.root, ...rel.split('/'));
  }

  /** Creates rel (and its parents) as folders; '' is the root. */
  dir(rel: string): void {
    this.mkdirAbs(this.abs(rel));
  }

  private mkdirAbs(abs: string): void {
    if (this.dirs.has(abs)) return;
    mkdirSync(abs, { recursive: true, mode: 0o755 });
    this.dirs.add(abs);
  }

  /**
   * Creates rel exclusively ('wx': never into something already there, such
   * as a planted link or an earlier entry) and returns a sink for its body.
   */
  file(rel: string, mode: number, label = rel): FileSink {
    const abs = this.abs(rel);
    this.mkdirAbs(dirname(abs));
    const sink = new FileSink(this, openSync(abs, 'wx', mode), label);
    this.open.add(sink);
    return sink;
  }

  /** Hard link rel -> targetRel (an earlier, closed file); copies where links are refused. */
  hardlink(rel: string, targetRel: string): void {
    const abs = this.abs(rel);
    this.mkdirAbs(dirname(abs));
    try {
      linkSync(this.abs(targetRel), abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      copyFileSync(this.abs(targetRel), abs, 1 /* COPYFILE_EXCL */);
    }
  }

  forget(sink: FileSink): void {
    this.open.delete(sink);
  }

  /** Closes every file still open (after a failure). */
  abandonAll(): void {
    for (const s of [...this.open]) s.abandon();
  }
}

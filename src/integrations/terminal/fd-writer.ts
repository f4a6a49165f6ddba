// A minimal stdout/stderr for the launcher's hot path: synchronous writes to
// the file descriptor, so Node never builds its stdio streams (which load the
// net, tty and streams modules: several ms of a ~30 ms start).
import { writeSync } from 'node:fs';
import type { Writable } from 'node:stream';

export function fdWriter(fd: number): Writable & { isTTY?: boolean } {
  const write = (chunk: string | Uint8Array): boolean => {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let off = 0; off < buf.length; ) {
      try {
        off += writeSync(fd, buf, off);
      } catch (e) {
        // A non-blocking pipe that is full: hand the rest to Node's stream.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        (fd === 2 ? process.stderr : process.stdout).write(buf.subarray(off));
        return true;
      }
    }
    return true;
  };
  // Only `write` is used on these paths; colour and progress bars ask isTTY (false: plain output).
  return { write, isTTY: false } as unknown as Writable & { isTTY?: boolean };
}

/**
 * The launcher's stdout and stderr: descriptor writers, except that a
 * terminal gets Node's own stream (colour, progress bars). `isatty` is
 * node:tty's, or `() => false` where loading node:tty (and with it node:net)
 * would cost more than the command (`govm current`).
 */
export function launcherIO(isatty: (fd: number) => boolean): { stdout: Writable & { isTTY?: boolean }; stderr: Writable & { isTTY?: boolean } } {
  return {
    stdout: isatty(1) ? process.stdout : fdWriter(1),
    stderr: isatty(2) ? process.stderr : fdWriter(2),
  };
}

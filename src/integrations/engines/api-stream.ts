// The output side of an attached container without a terminal: Docker's
// multiplexed stream (8-byte headers: stream, 0, 0, 0, big-endian length),
// and writers for govm's own stdout and stderr.
import { writeSync } from 'node:fs';

/** Splits Docker's multiplexed stream into frames, whatever the chunk boundaries. */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  /** Frames completed by `chunk`: [1 (stdout) or 2 (stderr), payload]. Stream 0 (stdin echo) counts as stdout. */
  push(chunk: Buffer): [1 | 2, Buffer][] {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: [1 | 2, Buffer][] = [];
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      if (size > 0) frames.push([buf[0] === 2 ? 2 : 1, buf.subarray(8, 8 + size)]);
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
    return frames;
  }
}

/**
 * Writes to a file descriptor synchronously (a blocking pipe or file: no
 * stream objects built), falling back for good to Node's own stream when the
 * descriptor is non-blocking and full (order kept). A reader that went away
 * (EPIPE, ECONNRESET) closes the sink: `onClosed` is told once, the rest is dropped.
 */
export class FdSink {
  private stream: NodeJS.WriteStream | undefined;
  closed = false;

  constructor(
    private readonly fd: 1 | 2,
    private readonly onClosed: () => void = () => undefined,
  ) {}

  /** false: the fallback stream is full; wait for `drain` before writing more. */
  write(buf: Buffer): boolean {
    if (this.closed) return true;
    let off = 0;
    if (!this.stream) {
      try {
        while (off < buf.length) off += writeSync(this.fd, buf, off);
        return true;
      } catch (e) {
        // EPIPE from a pipe, ECONNRESET from a socket (Node's own 'pipe' stdio) with
        // unread data: the reader went away. Anything else leaves nowhere to write too.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return this.close();
        this.stream = this.fd === 1 ? process.stdout : process.stderr;
        this.stream.on('error', () => this.close());
      }
    }
    return this.stream.write(buf.subarray(off));
  }

  /** Calls `then` once this sink takes more: at once unless its fallback stream is full. */
  drain(then: () => void): void {
    if (this.stream?.writableNeedDrain) this.stream.once('drain', then);
    else then();
  }

  private close(): true {
    if (!this.closed) {
      this.closed = true;
      this.onClosed();
    }
    return true;
  }
}

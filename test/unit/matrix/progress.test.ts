// Matrix progress: one line per start/finish when stderr is not a terminal, a
// redrawn block when it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { makeCell } from '../../../src/domain/matrix/cells.js';
import { Output } from '../../../src/output.js';
import { MatrixProgress } from '../../../src/services/matrix/progress.js';

function sink(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  let buf = '';
  const stream = new Writable({ write(c, _e, cb) { buf += String(c); cb(); } }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => buf };
}

const cells = [makeCell('1.21.13'), makeCell('1.22.12')];
const done = (i: number, status: 'pass' | 'fail') => ({ cell: cells[i]!, status, exitCode: status === 'pass' ? 0 : 1, durationMs: 1500, logFile: '/l', logTail: '' });

test('not a terminal: plain lines, no escape codes', () => {
  const err = sink(false);
  const p = new MatrixProgress(new Output(sink(false).stream, err.stream, { NO_COLOR: '1' }), cells);
  p.started(cells[0]!);
  p.finished(done(0, 'fail'));
  p.started(cells[1]!);
  p.finished(done(1, 'pass'));
  p.stop();
  assert.equal(err.text(), [
    '[0/2] go1.21.13: started',
    '[1/2] go1.21.13: ✗ fail in 1.5s (exit 1)',
    '[1/2] go1.22.12: started',
    '[2/2] go1.22.12: ✓ pass in 1.5s (ok)',
    '',
  ].join('\n'));
});

test('a terminal: a block of one line per cell, redrawn in place', () => {
  const err = sink(true);
  const p = new MatrixProgress(new Output(sink(false).stream, err.stream, { NO_COLOR: '1' }), cells);
  p.started(cells[0]!);
  p.finished(done(0, 'pass'));
  p.stop();
  const frames = err.text().split(/\x1b\[2A/);
  assert.ok(frames.length >= 3, 'redrawn (cursor moved up over the 2 lines)');
  assert.match(frames[0]!, /\x1b\[2K {2}· go1\.21\.13 {2}queued\n\x1b\[2K {2}· go1\.22\.12 {2}queued\n/);
  assert.match(frames.at(-1)!, /✓ go1\.21\.13 {2}pass 1\.5s {2}ok\n\x1b\[2K {2}· go1\.22\.12 {2}queued\n$/);
});

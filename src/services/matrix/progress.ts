// Live matrix progress on stderr: a redrawn block of cell lines on a TTY, one
// line per start/finish otherwise (CI logs).
import type { Cell } from '../../domain/matrix/cells.js';
import { STATUS_MARK, cellDetail, formatDuration, type CellOutcome } from '../../domain/reports/model.js';
import type { Output } from '../../output.js';

type State = { kind: 'queued' } | { kind: 'running'; since: number } | { kind: 'done'; outcome: CellOutcome };

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const MAX_LIVE_LINES = 24;

export class MatrixProgress {
  private readonly states = new Map<string, State>();
  private readonly order: Cell[];
  private drawn = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly live: boolean;
  private finishedCount = 0;

  constructor(private readonly out: Output, cells: readonly Cell[]) {
    this.order = [...cells];
    for (const c of cells) this.states.set(c.id, { kind: 'queued' });
    this.live = out.stderrIsTTY && cells.length <= MAX_LIVE_LINES;
    if (this.live) {
      this.timer = setInterval(() => this.draw(), 120);
      this.timer.unref();
      this.draw();
    }
  }

  started(cell: Cell): void {
    this.states.set(cell.id, { kind: 'running', since: performance.now() });
    if (!this.live) this.out.info(`[${this.finishedCount}/${this.order.length}] ${cell.label}: started`);
  }

  finished(o: CellOutcome): void {
    this.states.set(o.cell.id, { kind: 'done', outcome: o });
    this.finishedCount++;
    if (this.live) this.draw();
    else this.out.info(`[${this.finishedCount}/${this.order.length}] ${o.cell.label}: ${STATUS_MARK[o.status]} ${o.status} in ${formatDuration(o.durationMs)} (${cellDetail(o)})`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.draw();
  }

  private line(c: Cell): string {
    const st = this.states.get(c.id)!;
    const o = this.out;
    if (st.kind === 'queued') return `  ${o.dim('·')} ${c.label}  ${o.dim('queued')}`;
    if (st.kind === 'running') return `  ${SPIN[this.frame % SPIN.length]} ${c.label}  running ${formatDuration(performance.now() - st.since)}`;
    const r = st.outcome;
    const mark = r.status === 'pass' ? o.green(STATUS_MARK.pass) : r.status === 'fail' ? o.red(STATUS_MARK.fail) : o.dim(STATUS_MARK.cancelled);
    return `  ${mark} ${c.label}  ${r.status} ${formatDuration(r.durationMs)}  ${o.dim(cellDetail(r))}`;
  }

  private draw(): void {
    this.frame++;
    let s = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    for (const c of this.order) s += `\x1b[2K${this.line(c)}\n`;
    this.drawn = this.order.length;
    this.out.stderr.write(s);
  }
}

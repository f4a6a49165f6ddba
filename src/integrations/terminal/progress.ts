// Download progress: one bar per download on a TTY (stderr), plain log lines otherwise.
import type { Output } from '../../output.js';

export interface ProgressTask {
  update(received: number, total: number | undefined): void;
  done(message: string): void;
}

export interface Progress {
  task(label: string, total: number | undefined): ProgressTask;
  stop(): void;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export async function createProgress(out: Output): Promise<Progress> {
  if (!out.stderrIsTTY) {
    return {
      task(label, total) {
        out.info(`downloading ${label}${total ? ` (${mb(total)})` : ''}`);
        return { update() {}, done: (m) => out.info(m) };
      },
      stop() {},
    };
  }
  const { MultiBar, Presets } = (await import('cli-progress')).default;
  const bars = new MultiBar(
    {
      stream: out.stderr as NodeJS.WriteStream,
      format: ' {bar} {percentage}% | {value}/{total} MB | {label}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
    },
    Presets.shades_classic,
  );
  const messages: string[] = [];
  return {
    task(label, total) {
      const bar = bars.create(Math.max(1, Math.round((total ?? 0) / 1048576)), 0, { label });
      return {
        update: (received, t) => bar.update(Math.round(received / 1048576), { label, total: Math.round((t ?? received) / 1048576) }),
        done: (m) => {
          bar.update(bar.getTotal(), { label: `${label} ✓` });
          messages.push(m);
        },
      };
    },
    stop() {
      bars.stop();
      for (const m of messages) out.info(m);
    },
  };
}

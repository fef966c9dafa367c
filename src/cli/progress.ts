/** Progress for long work: a bar on a terminal, a few quiet log lines otherwise (CI, pipes). */
import cliProgress from 'cli-progress';

/** Reports progress of one task. */
export interface Progress {
  /** Sets the amount done (and optionally the total, when it becomes known). */
  update(done: number, total?: number): void;
  /** Finishes the task with a summary line. */
  finish(summary?: string): void;
}

/** Whether to draw a live bar: only on an interactive terminal outside CI. */
export function interactive(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI;
}

/** Starts progress reporting for a task; `total` may be unknown (0) at first. */
export function startProgress(label: string, total = 0, unit = 'items'): Progress {
  if (interactive()) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | eta {eta_formatted}`,
        hideCursor: true,
        stream: process.stderr,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(Math.max(total, 1), 0, { rate: 0 });
    return {
      update(done, newTotal) {
        if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
        bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
      finish(summary) {
        bar.stop();
        if (summary) process.stderr.write(`${summary}\n`);
      },
    };
  }
  // Quiet mode: a line at each tenth of the way (or every 30 s when the total is unknown).
  let lastTenth = -1;
  let lastLog = Date.now();
  let knownTotal = total;
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) knownTotal = newTotal;
      const tenth = knownTotal > 0 ? Math.floor((done / knownTotal) * 10) : -1;
      const now = Date.now();
      if ((tenth > lastTenth && tenth < 10) || (knownTotal === 0 && now - lastLog > 30_000)) {
        lastTenth = tenth;
        lastLog = now;
        process.stderr.write(
          `${label}: ${done.toLocaleString('en')}${knownTotal > 0 ? `/${knownTotal.toLocaleString('en')}` : ''} ${unit}\n`,
        );
      }
    },
    finish(summary) {
      if (summary) process.stderr.write(`${summary}\n`);
    },
  };
}

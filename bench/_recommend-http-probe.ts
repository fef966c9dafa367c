/**
 * Server-side diagnostics for bench/recommend-http.ts: event-loop delay (what every queued request waits
 * behind) and garbage-collection pauses during one load run, so a p99 can be traced to its cause.
 */
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';

/** What the server process saw during one run. */
export interface ProbeResult {
  /** Event-loop delay percentiles and maximum, ms. */
  loopP50: number;
  loopP99: number;
  loopMax: number;
  /** Collections, their summed and longest pause, ms. */
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

/** Starts measuring; `stop()` returns the figures since the start. */
export function startProbe(): { stop(): ProbeResult } {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let gcCount = 0;
  let gcTotalMs = 0;
  let gcMaxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcCount++;
      gcTotalMs += e.duration;
      gcMaxMs = Math.max(gcMaxMs, e.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      loop.disable();
      observer.disconnect();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      return {
        loopP50: ms(loop.percentile(50)),
        loopP99: ms(loop.percentile(99)),
        loopMax: ms(loop.max),
        gcCount,
        gcTotalMs: Math.round(gcTotalMs),
        gcMaxMs: Math.round(gcMaxMs * 10) / 10,
      };
    },
  };
}

import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';

/**
 * In a child process: a worker thread lowers its own priority and reports its thread id; then every thread's
 * niceness is read from /proc, so the test sees which threads changed.
 */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
const module = ${JSON.stringify(new URL('./thread-priority.ts', import.meta.url).href)};
// The child runs as a module (--input-type), and so does the thread's code; tsx's API loads the .ts module there.
const thread = new Worker(\`
  import { parentPort } from 'node:worker_threads';
  import { readlinkSync } from 'node:fs';
  const tsx = await import('tsx/esm/api');
  tsx.register();
  const { lowerThreadPriority } = await import(\${JSON.stringify(module)});
  const own = lowerThreadPriority(Number(process.env.NICE));
  parentPort.postMessage({ own, tid: Number(readlinkSync('/proc/thread-self').split('/').pop()) });
  setInterval(() => {}, 1000);
\`, { eval: true });
const reported = await new Promise((resolve) => thread.once('message', resolve));
// Field 19 of /proc/<pid>/task/<tid>/stat is the niceness (after the command name in parentheses).
const nices = Object.fromEntries(readdirSync('/proc/self/task').map((tid) => {
  const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
  return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
}));
console.log(JSON.stringify({ ...reported, nices }));
await thread.terminate();
`;

function child(nice: number): { own: number; tid: number; nices: Record<string, number> } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    env: { ...process.env, NICE: String(nice) },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { own: number; tid: number; nices: Record<string, number> };
}

describe('thread priority', () => {
  // Under nice 19 there is no lower priority to show.
  it.runIf(process.platform === 'linux' && os.getPriority() < 19)(
    'lowers the calling thread only, not the process around it',
    { timeout: 60_000 },
    () => {
      const base = os.getPriority();
      const expected = Math.min(19, base + 5);
      const { own, tid, nices } = child(expected);
      expect(own).toBe(expected);
      expect(nices[String(tid)]).toBe(expected);
      const others = Object.entries(nices).filter(([t]) => t !== String(tid));
      expect(others.length).toBeGreaterThan(2);
      expect(new Set(others.map(([, n]) => n))).toEqual(new Set([base]));
      // 0 leaves it as it is.
      const left = child(0);
      expect(left.own).toBe(base);
      expect(new Set(Object.values(left.nices))).toEqual(new Set([base]));
    },
  );

  it('reads DAOGOU_INGEST_THREAD_NICE: default 0, 0 to 19, anything else refused', () => {
    expect(loadConfig({}).ingestThreadNice).toBe(0);
    expect(loadConfig({ DAOGOU_INGEST_THREAD_NICE: '5' }).ingestThreadNice).toBe(5);
    expect(() => loadConfig({ DAOGOU_INGEST_THREAD_NICE: '20' })).toThrow(/0 to 19/);
  });
});

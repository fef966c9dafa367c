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
  const own = lowerThreadPriority(process.env.NICE === 'idle' ? 'idle' : Number(process.env.NICE));
  parentPort.postMessage({ own, tid: Number(readlinkSync('/proc/thread-self').split('/').pop()) });
  setInterval(() => {}, 1000);
\`, { eval: true });
const reported = await new Promise((resolve) => thread.once('message', resolve));
// Fields 19 and 41 of /proc/<pid>/task/<tid>/stat are the niceness and the scheduling policy (after the command
// name in parentheses; policy 5 is SCHED_IDLE).
const fields = readdirSync('/proc/self/task').map((tid) => {
  const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
  return [tid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')];
});
const nices = Object.fromEntries(fields.map(([tid, f]) => [tid, Number(f[16])]));
const policies = Object.fromEntries(fields.map(([tid, f]) => [tid, Number(f[38])]));
console.log(JSON.stringify({ ...reported, nices, policies }));
await thread.terminate();
`;

interface Child {
  own: number | 'idle';
  tid: number;
  nices: Record<string, number>;
  policies: Record<string, number>;
}

function child(nice: number | 'idle'): Child {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    env: { ...process.env, NICE: String(nice) },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Child;
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

  // SCHED_IDLE is below nice 19, so this shows under the benchmark's nice 19 too.
  it.runIf(process.platform === 'linux')(
    'idle puts the calling thread alone in the SCHED_IDLE class',
    { timeout: 60_000 },
    () => {
      const { own, tid, policies } = child('idle');
      expect(own).toBe('idle');
      expect(policies[String(tid)]).toBe(5);
      const others = Object.entries(policies).filter(([t]) => t !== String(tid));
      expect(others.length).toBeGreaterThan(2);
      expect(new Set(others.map(([, p]) => p))).toEqual(new Set([0]));
    },
  );

  it('reads DAOGOU_INGEST_THREAD_NICE: default 0, 0 to 19 or idle, anything else refused', () => {
    expect(loadConfig({}).ingestThreadNice).toBe(0);
    expect(loadConfig({ DAOGOU_INGEST_THREAD_NICE: 'idle' }).ingestThreadNice).toBe('idle');
    expect(loadConfig({ DAOGOU_INGEST_THREAD_NICE: '5' }).ingestThreadNice).toBe(5);
    expect(() => loadConfig({ DAOGOU_INGEST_THREAD_NICE: '20' })).toThrow(/0 to 19/);
  });
});

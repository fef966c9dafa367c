import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';

/** In a child process: lowers the priority, starts a worker thread, and reports every thread's niceness. */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lowerWorkerPriority } from ${JSON.stringify(new URL('./worker-priority.ts', import.meta.url).href)};
const own = lowerWorkerPriority(Number(process.env.NICE));
const thread = new Worker('setInterval(() => {}, 1000)', { eval: true });
await new Promise((resolve) => thread.once('online', resolve));
// Field 19 of /proc/<pid>/task/<tid>/stat is the niceness (after the command name in parentheses).
const nices = readdirSync('/proc/self/task').map((tid) => {
  const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
});
console.log(JSON.stringify({ own, nices }));
await thread.terminate();
`;

function childNiceness(nice: number): { own: number; nices: number[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    env: { ...process.env, NICE: String(nice) },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { own: number; nices: number[] };
}

describe('worker priority', () => {
  it.runIf(process.platform === 'linux')(
    'sets every thread of the process, and the threads started afterwards inherit it',
    { timeout: 60_000 },
    () => {
      const base = os.getPriority();
      const expected = Math.max(base, 10);
      const lowered = childNiceness(10);
      expect(lowered.own).toBe(expected);
      // The main thread, V8's and libuv's threads, and the worker thread started after the call.
      expect(lowered.nices.length).toBeGreaterThan(2);
      expect(new Set(lowered.nices)).toEqual(new Set([expected]));
      expect(new Set(childNiceness(0).nices)).toEqual(new Set([base]));
    },
  );

  it('reads DAOGOU_WORKER_NICE: default 10, 0 to 19, anything else refused', () => {
    expect(loadConfig({}).workerNice).toBe(10);
    expect(loadConfig({ DAOGOU_WORKER_NICE: '0' }).workerNice).toBe(0);
    expect(loadConfig({ DAOGOU_WORKER_NICE: '19' }).workerNice).toBe(19);
    expect(() => loadConfig({ DAOGOU_WORKER_NICE: '20' })).toThrow(/0 to 19/);
    expect(() => loadConfig({ DAOGOU_WORKER_NICE: '2.5' })).toThrow(/0 to 19/);
    expect(() => loadConfig({ DAOGOU_WORKER_NICE: '-1' })).toThrow(/non-negative/);
  });
});

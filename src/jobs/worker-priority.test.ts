import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';

/** In a child process: lowers the priority, starts a worker thread, and reports every thread's niceness. */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { lowerWorkerPriority } from ${JSON.stringify(new URL('./worker-priority.ts', import.meta.url).href)};
const own = lowerWorkerPriority(process.env.NICE === 'idle' ? 'idle' : Number(process.env.NICE));
const thread = new Worker('setInterval(() => {}, 1000)', { eval: true });
await new Promise((resolve) => thread.once('online', resolve));
// Fields 19 and 41 of /proc/<pid>/task/<tid>/stat are the niceness and the scheduling policy (after the command
// name in parentheses; policy 5 is SCHED_IDLE).
const fields = readdirSync('/proc/self/task').map((tid) => {
  const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
});
console.log(JSON.stringify({ own, nices: fields.map((f) => Number(f[16])), policies: fields.map((f) => Number(f[38])) }));
await thread.terminate();
`;

interface Child {
  own: number | 'idle';
  nices: number[];
  policies: number[];
}

function childNiceness(nice: number | 'idle'): Child {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    env: { ...process.env, NICE: String(nice) },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Child;
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

  it.runIf(process.platform === 'linux')(
    'idle puts every thread in the SCHED_IDLE class, the threads started afterwards too',
    { timeout: 60_000 },
    () => {
      const idle = childNiceness('idle');
      expect(idle.own).toBe('idle');
      expect(idle.policies.length).toBeGreaterThan(2);
      expect(new Set(idle.policies)).toEqual(new Set([5]));
      // A number leaves the class as it was (SCHED_OTHER, 0).
      expect(new Set(childNiceness(10).policies)).toEqual(new Set([0]));
    },
  );

  it('reads DAOGOU_WORKER_NICE: default 10, 0 to 19 or idle, anything else refused', () => {
    expect(loadConfig({ DAOGOU_WORKER_NICE: 'idle' }).workerNice).toBe('idle');
    expect(loadConfig({}).workerNice).toBe(10);
    expect(loadConfig({ DAOGOU_WORKER_NICE: '0' }).workerNice).toBe(0);
    expect(loadConfig({ DAOGOU_WORKER_NICE: '19' }).workerNice).toBe(19);
    expect(() => loadConfig({ DAOGOU_WORKER_NICE: '20' })).toThrow(/0 to 19/);
    expect(() => loadConfig({ DAOGOU_WORKER_NICE: '2.5' })).toThrow(/0 to 19/);
    expect(() => loadConfig({ DAOGOU_WORKER_NICE: '-1' })).toThrow(/non-negative/);
  });
});

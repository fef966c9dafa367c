import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messageId, newRunId } from './ids.js';

describe('run and message ids', () => {
  it('orders run ids by time, then by creation within a process', () => {
    const T = Date.UTC(2026, 5, 1);
    const ids = [newRunId(T), newRunId(T), newRunId(T + 1), newRunId(T - 5)];
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^jr_[0-9a-f]{32}$/);
    expect(ids[0]! < ids[1]!).toBe(true);
    expect(ids[1]! < ids[2]!).toBe(true);
    expect(ids[3]! < ids[0]!).toBe(true);
  });

  it('fixes a message id by run and step, in the order of the runs', () => {
    const a = newRunId(1_000);
    const b = newRunId(2_000);
    expect(messageId(a, '0')).toBe(messageId(a, '0'));
    expect(messageId(a, '0')).not.toBe(messageId(a, '1'));
    expect(messageId(a, '1') < messageId(b, '0')).toBe(true);
    expect(messageId(a, '0')).toMatch(/^m_[0-9a-f]{36}$/);
  });

  it('keeps the id it always had for a run stored with a UUID', () => {
    const run = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
    const before = `m_${createHash('sha256').update(`${run}:2`).digest('hex').slice(0, 24)}`;
    expect(messageId(run, '2')).toBe(before);
  });
});

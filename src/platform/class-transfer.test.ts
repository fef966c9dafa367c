import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { fromTransfer, toTransfer } from './class-transfer.js';

class Inner {
  constructor(readonly values: Float32Array) {}
  sum(): number {
    return this.values.reduce((a, b) => a + b, 0);
  }
}
class Outer {
  cache = new WeakMap<object, number>();
  constructor(
    readonly parts: Inner[],
    readonly byName: Map<string, Inner>,
    readonly ids: string[],
  ) {}
}
class Unlisted {}

/** Posts through a real port, as between threads. */
function send(value: unknown, transfer: ArrayBuffer[]): unknown {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value, transfer);
  const got = receiveMessageOnPort(port2)?.message;
  port1.close();
  return got;
}

describe('sending class instances between threads', () => {
  it('brings back instances of the listed classes, with buffers transferred', () => {
    const a = new Inner(Float32Array.from([1, 2]));
    const outer = new Outer([a, new Inner(Float32Array.from([3]))], new Map([['a', a]]), ['x', 'y']);
    const sent = toTransfer({ outer, n: 3 }, [Inner, Outer]);
    const got = fromTransfer<{ outer: Outer; n: number }>(send(sent.value, sent.transfer), [Inner, Outer]);
    expect(a.values.byteLength).toBe(0); // transferred, not copied
    expect(got.n).toBe(3);
    expect(got.outer).toBeInstanceOf(Outer);
    expect(got.outer.parts.map((p) => p.sum())).toEqual([3, 3]);
    expect(got.outer.byName.get('a')).toBeInstanceOf(Inner);
    expect(got.outer.ids).toEqual(['x', 'y']);
    expect(got.outer.cache).toBeInstanceOf(WeakMap);
  });

  it('refuses what it cannot rebuild, naming it', () => {
    expect(() => toTransfer({ x: new Unlisted() }, [Inner])).toThrow(/Unlisted \(value\.x\)/);
    expect(() => toTransfer({ f: () => 1 }, [Inner])).toThrow(/function \(value\.f\)/);
  });
});

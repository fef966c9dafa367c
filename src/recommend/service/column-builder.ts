/** Growable typed columns of the events read for training (a number[] per column cost 2–3 times the memory). */
export class ColumnBuilder {
  /** Events pushed so far; the columns' lengths are capacities, valid up to here. */
  size = 0;
  users: Int32Array;
  items: Int32Array;
  /** Seconds. */
  ts: Float64Array;
  codes: Uint8Array;
  values: Float32Array;
  channels: Uint8Array;
  /** Order code, -1 for none. */
  orders: Int32Array;

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.users = new Int32Array(c);
    this.items = new Int32Array(c);
    this.ts = new Float64Array(c);
    this.codes = new Uint8Array(c);
    this.values = new Float32Array(c);
    this.channels = new Uint8Array(c);
    this.orders = new Int32Array(c);
  }

  /** Appends one event's codes, doubling the capacity when full. */
  push(user: number, item: number, ts: number, code: number, value: number, channel: number, order: number): void {
    if (this.size === this.users.length) this.grow();
    const k = this.size++;
    this.users[k] = user;
    this.items[k] = item;
    this.ts[k] = ts;
    this.codes[k] = code;
    this.values[k] = value;
    this.channels[k] = channel;
    this.orders[k] = order;
  }

  private grow(): void {
    const c = this.users.length * 2;
    const more = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.users = more(this.users, (n) => new Int32Array(n));
    this.items = more(this.items, (n) => new Int32Array(n));
    this.ts = more(this.ts, (n) => new Float64Array(n));
    this.codes = more(this.codes, (n) => new Uint8Array(n));
    this.values = more(this.values, (n) => new Float32Array(n));
    this.channels = more(this.channels, (n) => new Uint8Array(n));
    this.orders = more(this.orders, (n) => new Int32Array(n));
  }
}

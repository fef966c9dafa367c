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
    this.users = grown(this.users, c);
    this.items = grown(this.items, c);
    this.ts = grown(this.ts, c);
    this.codes = grown(this.codes, c);
    this.values = grown(this.values, c);
    this.channels = grown(this.channels, c);
    this.orders = grown(this.orders, c);
  }
}

type Column = Int32Array | Float64Array | Uint8Array | Float32Array;

/** A copy of a column in a new array of the same type with the given capacity. */
function grown<T extends Column>(column: T, capacity: number): T {
  // Every typed array's constructor takes a length; the cast only restores the type TypeScript loses.
  const copy = new (column.constructor as new (length: number) => T)(capacity);
  copy.set(column);
  return copy;
}

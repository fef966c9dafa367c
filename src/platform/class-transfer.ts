/**
 * Sends objects built from known classes to another thread and back as instances of those classes.
 * Structured cloning keeps typed arrays, Maps and plain data but drops prototypes (a class instance
 * arrives as a plain object) and refuses WeakMaps; so the sender names each instance's class and the
 * receiver puts the prototype back. Every typed array's buffer is transferred, not copied.
 */

/** A class whose instances may be sent: looked up by its position in the list both threads share. */
export type TransferClass = abstract new (...args: never[]) => object;

const CLASS = '__transferClass';
const FRESH_WEAK_MAP = '__transferWeakMap';

type Tagged = { [CLASS]: number; fields: Record<string, unknown> };

/**
 * The value ready for `postMessage`, with the buffers to transfer. The value's typed arrays are detached
 * once posted. WeakMaps (caches keyed by objects) arrive empty; a function or an instance of a class not in
 * `classes` is an error naming it.
 */
export function toTransfer(
  value: unknown,
  classes: readonly TransferClass[],
): { value: unknown; transfer: ArrayBuffer[] } {
  const ids = new Map<unknown, number>(classes.map((c, i) => [c.prototype, i]));
  const buffers = new Set<ArrayBuffer>();
  const encode = (v: unknown, where: string): unknown => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function') throw new Error(`cannot send a function (${where}) to another thread`);
      return v;
    }
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      return v;
    }
    if (v instanceof WeakMap) return { [FRESH_WEAK_MAP]: true };
    if (Array.isArray(v)) return primitives(v) ? v : v.map((x, i) => encode(x, `${where}[${i}]`));
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, encode(x, `${where}.get(${String(k)})`)]));
    const proto: unknown = Object.getPrototypeOf(v);
    const fields: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) fields[k] = encode(x, `${where}.${k}`);
    if (proto === Object.prototype || proto === null) return fields;
    const id = ids.get(proto);
    if (id === undefined)
      throw new Error(`cannot send a ${v.constructor.name} (${where}) to another thread: not a listed class`);
    return { [CLASS]: id, fields } satisfies Tagged;
  };
  const encoded = encode(value, 'value');
  return { value: encoded, transfer: [...buffers] };
}

/** Reverses {@link toTransfer} on the receiving thread, with the same `classes` in the same order. */
export function fromTransfer<T>(value: unknown, classes: readonly TransferClass[]): T {
  const decode = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) {
      if (primitives(v)) return v;
      for (let i = 0; i < v.length; i++) v[i] = decode(v[i]);
      return v;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) v.set(k, decode(x));
      return v;
    }
    const o = v as Record<string, unknown>;
    if (o[FRESH_WEAK_MAP] === true) return new WeakMap();
    const id = o[CLASS];
    const fields = typeof id === 'number' ? (o.fields as Record<string, unknown>) : o;
    for (const k of Object.keys(fields)) fields[k] = decode(fields[k]);
    if (typeof id !== 'number') return fields;
    const cls = classes[id];
    if (!cls) throw new Error(`a class the other thread listed (${id}) is not listed here`);
    return Object.assign(Object.create(cls.prototype as object) as object, fields);
  };
  return decode(value) as T;
}

/** Whether an array holds no objects (ids, weights): passed through without a walk of each element. */
function primitives(a: readonly unknown[]): boolean {
  for (const x of a) if (x !== null && (typeof x === 'object' || typeof x === 'function')) return false;
  return true;
}

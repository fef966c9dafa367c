/** A compact binary envelope for models: a JSON header plus raw typed-array buffers. */

/** Typed arrays a model may store. */
export type PackedArray = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

const CTORS = { Int32Array, Uint32Array, Float32Array, Float64Array, Uint8Array } as const;
type CtorName = keyof typeof CTORS;

/** Packs JSON-able metadata and named typed arrays into one byte buffer. */
export function pack(meta: unknown, arrays: Record<string, PackedArray> = {}): Uint8Array {
  const entries: { name: string; type: CtorName; offset: number; length: number }[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(arrays)) {
    entries.push({ name, type: arr.constructor.name as CtorName, offset, length: arr.length });
    // Eight-byte alignment lets unpack view Float64 data without copying.
    offset += Math.ceil(arr.byteLength / 8) * 8;
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta, arrays: entries }));
  const headerLen = Math.ceil((header.length + 4) / 8) * 8;
  const out = new Uint8Array(headerLen + offset);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let i = 0;
  for (const arr of Object.values(arrays)) {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), headerLen + entries[i++]!.offset);
  }
  return out;
}

/** Reverses {@link pack}; arrays are copied so they do not pin the input buffer. */
export function unpack<M>(bytes: Uint8Array): { meta: M; arrays: Record<string, PackedArray> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + len))) as {
    meta: M;
    arrays: { name: string; type: CtorName; offset: number; length: number }[];
  };
  const headerLen = Math.ceil((len + 4) / 8) * 8;
  const arrays: Record<string, PackedArray> = {};
  for (const e of header.arrays) {
    const Ctor = CTORS[e.type];
    const start = headerLen + e.offset;
    const copy = bytes.slice(start, start + e.length * Ctor.BYTES_PER_ELEMENT);
    arrays[e.name] = new Ctor(copy.buffer, 0, e.length);
  }
  return { meta: header.meta, arrays };
}

/** Reads a named array of the expected type from an unpacked model, failing clearly when absent. */
export function getArray<T extends PackedArray>(
  arrays: Record<string, PackedArray>,
  name: string,
  ctor: new (n: number) => T,
): T {
  const a = arrays[name];
  if (!(a instanceof ctor)) throw new Error(`model bytes lack array "${name}"`);
  return a;
}

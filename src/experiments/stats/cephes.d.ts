/**
 * Types for the part of `cephes` used here: the package ships index.d.ts, but its "exports" map names no
 * types, so NodeNext resolution cannot find them.
 */
declare module 'cephes' {
  const cephes: {
    /** Resolves once the WebAssembly module is compiled; call nothing before. */
    compiled: Promise<void>;
    ndtr(x: number): number;
    ndtri(p: number): number;
    incbet(a: number, b: number, x: number): number;
    incbi(a: number, b: number, y: number): number;
    chdtrc(df: number, x: number): number;
  };
  export default cephes;
}

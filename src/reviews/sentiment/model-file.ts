/**
 * The sentiment model file: gzip of a JSON header and each member's weights quantised to int8
 * (a per-member scale), so a 2^20-bucket member ships in well under a megabyte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'fflate';
import { SentimentModel, type SentimentMember } from './sentiment-model.js';
import type { FeatureSpec } from './review-features.js';

const MAGIC = 'DGSENT1\n';

interface Header {
  spec: FeatureSpec;
  threshold: number;
  meta: Record<string, unknown>;
  members: { bias: number; normalize: boolean; scale: number }[];
}

/** Bytes of a model file. */
export function encodeSentimentModel(model: SentimentModel): Uint8Array {
  const dims = 1 << model.spec.hashBits;
  const quantised: Int8Array[] = [];
  const members: Header['members'] = [];
  for (const m of model.members) {
    let max = 0;
    for (let j = 0; j < dims; j++) max = Math.max(max, Math.abs(m.weights[j]!));
    const scale = max > 0 ? max / 127 : 1;
    const q = new Int8Array(dims);
    for (let j = 0; j < dims; j++) q[j] = Math.round(m.weights[j]! / scale);
    quantised.push(q);
    members.push({ bias: m.bias, normalize: m.normalize, scale });
  }
  const header: Header = { spec: model.spec, threshold: model.threshold, meta: model.meta, members };
  const head = new TextEncoder().encode(`${MAGIC}${JSON.stringify(header)}\n`);
  const body = new Uint8Array(head.length + dims * quantised.length);
  body.set(head, 0);
  quantised.forEach((q, k) => body.set(new Uint8Array(q.buffer), head.length + k * dims));
  return gzipSync(body, { level: 9, mtime: 0 });
}

/** A model from the bytes of a model file; throws when they are not one. */
export function decodeSentimentModel(bytes: Uint8Array): SentimentModel {
  const body = gunzipSync(bytes);
  const magic = new TextDecoder().decode(body.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new Error('not a Daogou sentiment model file');
  const newline = body.indexOf(10, MAGIC.length);
  const header = JSON.parse(new TextDecoder().decode(body.subarray(MAGIC.length, newline))) as Header;
  const dims = 1 << header.spec.hashBits;
  let at = newline + 1;
  const members: SentimentMember[] = header.members.map((h) => {
    const q = new Int8Array(body.buffer, body.byteOffset + at, dims);
    at += dims;
    const weights = new Float32Array(dims);
    for (let j = 0; j < dims; j++) weights[j] = q[j]! * h.scale;
    return { weights, bias: h.bias, normalize: h.normalize };
  });
  return new SentimentModel(header.spec, members, header.threshold, header.meta);
}

/** Writes a model file. */
export function saveSentimentModel(model: SentimentModel, file: string): void {
  writeFileSync(file, encodeSentimentModel(model));
}

/** Reads a model file. */
export function loadSentimentModel(file: string): SentimentModel {
  return decodeSentimentModel(readFileSync(file));
}

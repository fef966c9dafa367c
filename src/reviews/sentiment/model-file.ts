/**
 * The sentiment model file: gzip of a JSON header, each member's weights quantised to int8
 * (a per-member scale; members averaged into one where they can be) and, when the model cuts words by its own lexicon, the lexicon as
 * `word<TAB>frequency` lines. Version 1 files (no lexicon, jieba words) still load.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'fflate';
import { averageMembers, SentimentModel, type SentimentMember } from './sentiment-model.js';
import type { FeatureSpec } from './review-features.js';
import { WordLexicon } from './word-lexicon.js';

const MAGIC = 'DGSENT2\n';
const MAGIC_V1 = 'DGSENT1\n';

interface Header {
  spec: FeatureSpec;
  threshold: number;
  meta: Record<string, unknown>;
  members: { bias: number; normalize: boolean; scale: number }[];
  /** Bytes of the lexicon section after the weights (version 2; 0 or absent when there is none). */
  lexiconBytes?: number;
}

/** Bytes of a model file. */
export function encodeSentimentModel(model: SentimentModel): Uint8Array {
  const dims = 1 << model.spec.hashBits;
  const quantised: Int8Array[] = [];
  const members: Header['members'] = [];
  // Members that all divide by √count score as one member with their mean weights: one vector to store.
  const stored = model.members.every((m) => m.normalize) ? [averageMembers(model.members, dims)] : model.members;
  for (const m of stored) {
    let max = 0;
    for (let j = 0; j < dims; j++) max = Math.max(max, Math.abs(m.weights[j]!));
    const scale = max > 0 ? max / 127 : 1;
    const q = new Int8Array(dims);
    for (let j = 0; j < dims; j++) q[j] = Math.round(m.weights[j]! / scale);
    quantised.push(q);
    members.push({ bias: m.bias, normalize: m.normalize, scale });
  }
  const lexicon = model.lexicon
    ? new TextEncoder().encode(model.lexicon.words.map((w, i) => `${w}\t${model.lexicon!.freqs[i]!}\n`).join(''))
    : new Uint8Array(0);
  const header: Header = {
    spec: model.spec,
    threshold: model.threshold,
    meta: model.meta,
    members,
    lexiconBytes: lexicon.length,
  };
  const head = new TextEncoder().encode(`${MAGIC}${JSON.stringify(header)}\n`);
  const body = new Uint8Array(head.length + dims * quantised.length + lexicon.length);
  body.set(head, 0);
  quantised.forEach((q, k) => body.set(new Uint8Array(q.buffer), head.length + k * dims));
  body.set(lexicon, head.length + dims * quantised.length);
  return gzipSync(body, { level: 9, mtime: 0 });
}

/** A model from the bytes of a model file; throws when they are not one. */
export function decodeSentimentModel(bytes: Uint8Array): SentimentModel {
  const body = gunzipSync(bytes);
  const magic = new TextDecoder().decode(body.subarray(0, MAGIC.length));
  if (magic !== MAGIC && magic !== MAGIC_V1) throw new Error('not a Daogou sentiment model file');
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
  let lexicon: WordLexicon | null = null;
  if (header.lexiconBytes) {
    const words: string[] = [];
    const freqs: number[] = [];
    const text = new TextDecoder().decode(body.subarray(at, at + header.lexiconBytes));
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) {
        words.push(line.slice(0, tab));
        freqs.push(Number(line.slice(tab + 1)));
      }
    }
    lexicon = new WordLexicon(words, freqs);
  }
  if (header.spec.wordCut === 'lexicon' && !lexicon)
    throw new Error('the model file cuts words by a lexicon but has none');
  return new SentimentModel(header.spec, members, header.threshold, header.meta, lexicon);
}

/** Writes a model file. */
export function saveSentimentModel(model: SentimentModel, file: string): void {
  writeFileSync(file, encodeSentimentModel(model));
}

/** Reads a model file. */
export function loadSentimentModel(file: string): SentimentModel {
  return decodeSentimentModel(readFileSync(file));
}

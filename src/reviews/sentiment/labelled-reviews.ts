/** Labelled review corpora for training and evaluating sentiment: the shared Chinese shopping and English Amazon sets, or the merchant's own file. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Texts with binary labels (1 positive, 0 negative) and, where the corpus has one, a category per text. */
export interface LabelledReviews {
  /** Review texts. */
  texts: string[];
  /** 1 positive, 0 negative. */
  labels: Uint8Array;
  /** Category (product domain) per text; '' when unknown. */
  categories: string[];
}

/** The ChineseNlpCorpus online_shopping_10_cats layout: `cat,label,review` with label 1/0. */
export function readShoppingReviews(file: string): LabelledReviews {
  const rows: string[][] = parse(readFileSync(file), {
    from_line: 2,
    relax_quotes: true,
    relax_column_count: true,
    bom: true,
  });
  const kept = rows.filter((r) => (r[1] === '0' || r[1] === '1') && (r[2] ?? '').trim().length > 0);
  return {
    texts: kept.map((r) => r[2]!),
    labels: Uint8Array.from(kept.map((r) => (r[1] === '1' ? 1 : 0))),
    categories: kept.map((r) => r[0] ?? ''),
  };
}

/** The Kaggle Amazon Alexa layout (TSV: rating, date, variation, verified_reviews, feedback 0/1). */
export function readAlexaReviews(file: string): LabelledReviews {
  const rows: string[][] = parse(readFileSync(file), {
    from_line: 2,
    delimiter: '\t',
    relax_quotes: true,
    relax_column_count: true,
    bom: true,
  });
  const kept = rows.filter((r) => (r[4] === '0' || r[4] === '1') && (r[3] ?? '').trim().length > 0);
  return {
    texts: kept.map((r) => r[3]!),
    labels: Uint8Array.from(kept.map((r) => (r[4] === '1' ? 1 : 0))),
    categories: kept.map((r) => (r[2] ?? '').trim()),
  };
}

const POSITIVE = new Set(['1', 'positive', 'pos', '正面', '好评', 'true']);
const NEGATIVE = new Set(['0', 'negative', 'neg', '负面', '差评', 'false']);

/**
 * A merchant's labelled reviews: CSV or TSV with a header naming a `label` column (1/0,
 * positive/negative, 好评/差评) and a `text` (or `review`) column. Throws naming the first bad row.
 */
export function readLabelledFile(file: string): LabelledReviews {
  const raw = readFileSync(file, 'utf8');
  const firstLine = raw.slice(0, raw.indexOf('\n') >= 0 ? raw.indexOf('\n') : raw.length);
  const delimiter = firstLine.includes('\t') ? '\t' : ',';
  const rows: string[][] = parse(raw, { delimiter, relax_column_count: true, bom: true });
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const labelAt = header.indexOf('label');
  const textAt = header.indexOf('text') >= 0 ? header.indexOf('text') : header.indexOf('review');
  if (labelAt < 0 || textAt < 0)
    throw new Error(`${file}: the header needs a "label" and a "text" (or "review") column`);
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length === 1 && row[0]!.trim() === '') continue;
    const label = (row[labelAt] ?? '').trim().toLowerCase();
    const text = (row[textAt] ?? '').trim();
    if (!POSITIVE.has(label) && !NEGATIVE.has(label)) {
      throw new Error(`${file} line ${i + 1}: label must be positive/negative (or 1/0), got "${label}"`);
    }
    if (text.length === 0) throw new Error(`${file} line ${i + 1}: empty text`);
    texts.push(text);
    labels.push(POSITIVE.has(label) ? 1 : 0);
  }
  return { texts, labels: Uint8Array.from(labels), categories: texts.map(() => '') };
}

/** `daogou classify` work: read labelled and unlabelled CSVs, train a text classifier, write one prediction per row. */
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../domain/index.js';
import { trainTextClassifier } from '../../text/classify/index.js';
import type { TextClassifierOptions } from '../../text/classify/index.js';

/** What to read and write. */
export interface ClassifyCsvRequest {
  /** Labelled CSV (header row). */
  trainPath: string;
  /** Name of the text column (in both files). */
  textColumn: string;
  /** Name of the label column (in the training file). */
  labelColumn: string;
  /** CSV to classify (header row, at least the text column). */
  inPath: string;
  /** Output JSON Lines file. */
  outPath: string;
  /** Classifier settings. */
  options?: TextClassifierOptions;
}

/** What was done. */
export interface ClassifyCsvSummary {
  /** Training rows used. */
  trained: number;
  /** Distinct labels. */
  labels: number;
  /** Rows classified (= lines written). */
  classified: number;
}

async function readTable(file: string, flag: string, required: string[]): Promise<Array<Record<string, string>>> {
  if (!existsSync(file)) throw new ValidationError([{ field: flag, message: `file not found: ${file}` }]);
  let table: string[][];
  try {
    const parsed: unknown = parse(await readFile(file), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
    table = parsed as string[][];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new ValidationError([{ field: `${file}:${e.lines ?? 0}`, message: e.message ?? String(error) }]);
  }
  const header = (table[0] ?? []).map((c) => c.trim());
  for (const column of required) {
    if (!header.includes(column)) {
      throw new ValidationError([
        { field: `${flag} ${file}`, message: `has no column "${column}" (columns: ${header.join(', ') || 'none'})` },
      ]);
    }
  }
  return table.slice(1).map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/** Trains on TRAIN's text and label columns and writes `{"label","score"}` for every row of IN, in order. */
export async function classifyCsv(request: ClassifyCsvRequest): Promise<ClassifyCsvSummary> {
  const { textColumn, labelColumn } = request;
  const train = await readTable(request.trainPath, '--train', [textColumn, labelColumn]);
  const input = await readTable(request.inPath, '--in', [textColumn]);
  const texts: string[] = [];
  const labels: string[] = [];
  for (const row of train) {
    const label = (row[labelColumn] ?? '').trim();
    // Rows without a label teach nothing; they are skipped rather than becoming an "" class.
    if (label === '') continue;
    texts.push(row[textColumn] ?? '');
    labels.push(label);
  }
  if (new Set(labels).size < 2) {
    throw new ValidationError([
      { field: `--train ${request.trainPath}`, message: `column "${labelColumn}" needs at least two distinct labels` },
    ]);
  }
  const model = trainTextClassifier(texts, labels, request.options);
  const out = createWriteStream(request.outPath);
  for (const row of input) {
    const p = model.predict(row[textColumn] ?? '');
    if (!out.write(`${JSON.stringify({ label: p.label, score: Number(p.score.toFixed(6)) })}\n`)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { trained: texts.length, labels: new Set(labels).size, classified: input.length };
}

/** Parsers for public recommendation datasets: S3-Rec sequences, MovieLens CSV files (through datasets' reader), UCI retail. */
import { readFileSync } from 'node:fs';
import {
  parseUciDate,
  readCsvTable,
  readMovieLensMovies,
  readMovieLensRatings,
  uciCustomerId,
} from '../../datasets/index.js';
import { parseSequenceLine, S3REC_STEP_SECONDS } from '../../datasets/s3rec-sequence.js';
import type { InteractionRow } from '../interaction-log.js';

/**
 * S3-Rec sequence text: one line per user `user item item …` in time order. There are no real
 * timestamps, so each event's timestamp (seconds) is its position times S3REC_STEP_SECONDS, as on import.
 */
export function parseSequences(text: string): InteractionRow[] {
  const rows: InteractionRow[] = [];
  for (const line of text.split('\n')) {
    const parsed = parseSequenceLine(line);
    if (!parsed) continue;
    const { user: userId, items } = parsed;
    for (let p = 0; p < items.length; p++) rows.push({ userId, itemId: items[p]!, timestamp: p * S3REC_STEP_SECONDS });
  }
  return rows;
}

/** S3-Rec `*_item2attributes.json`: item id → attribute tokens (`attr:<id>`). */
export function parseItemAttributes(json: string): Map<string, string[]> {
  const raw = JSON.parse(json) as Record<string, number[]>;
  const out = new Map<string, string[]>();
  for (const [item, attrs] of Object.entries(raw))
    out.set(
      item,
      attrs.map((a) => `attr${a}`),
    );
  return out;
}

/** MovieLens `ratings.csv` (userId,movieId,rating,timestamp) as rating events, times in seconds as the file writes them. */
export async function loadMovieLensRatings(path: string): Promise<InteractionRow[]> {
  const rows: InteractionRow[] = [];
  for await (const r of readMovieLensRatings(path)) {
    if ('error' in r) throw new Error(`${path}:${r.line}: ${r.error}`);
    rows.push({
      userId: r.user,
      itemId: r.movie,
      timestamp: Number(r.seconds),
      eventType: 'rating',
      value: Number(r.rating),
    });
  }
  return rows;
}

/** MovieLens `movies.csv`: movie id → title and genres. */
export async function loadMovieLensMovies(path: string): Promise<Map<string, { title: string; genres: string[] }>> {
  const out = new Map<string, { title: string; genres: string[] }>();
  for await (const r of readMovieLensMovies(path)) {
    if ('error' in r) throw new Error(`${path}:${r.line}: ${r.error}`);
    out.set(r.movie, { title: r.title, genres: r.genres });
  }
  return out;
}

/**
 * UCI Online Retail rows (InvoiceNo, StockCode, Quantity, InvoiceDate `M/D/YYYY H:MM`, CustomerID) as
 * purchase events: one per invoice line, quantity as value, the invoice as order id. Cancellations
 * (`C…` invoices, negative quantities) and lines without a customer are left out.
 */
export async function loadOnlineRetail(path: string): Promise<InteractionRow[]> {
  const columns = ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'CustomerID'] as const;
  const rows: InteractionRow[] = [];
  for await (const r of readCsvTable(path, columns)) {
    if ('error' in r) throw new Error(`${path}:${r.line}: ${r.error}`);
    const invoice = r.cell('InvoiceNo');
    const quantity = Number(r.cell('Quantity'));
    const customer = uciCustomerId(r.cell('CustomerID'));
    const stockCode = r.cell('StockCode');
    if (!customer || invoice.startsWith('C') || !(quantity > 0) || !stockCode) continue;
    const ms = parseUciDate(r.cell('InvoiceDate'));
    if (ms === null) continue;
    rows.push({
      userId: customer,
      itemId: stockCode,
      timestamp: ms / 1000,
      eventType: 'purchase',
      value: quantity,
      orderId: invoice,
    });
  }
  return rows;
}

/** Reads a file as UTF-8 (the one place evaluation touches the file system). */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

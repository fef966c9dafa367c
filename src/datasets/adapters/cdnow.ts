/** CDNOW_master.txt (customer, YYYYMMDD, CDs, dollars) → one generic CD item, customers, purchases. */
import { parseIssue, type ReadResult } from '../parse-issue.js';
import { readLines } from '../read-lines.js';
import {
  describedAdapter,
  requirePath,
  type AdapterOptions,
  type AdapterPaths,
  type DatasetAdapter,
} from './dataset-adapter.js';
import { numberOrText } from './fields.js';

/** Parses `YYYYMMDD` as UTC midnight epoch ms, or null. */
export function parseYyyymmdd(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).getUTCDate() === Number(m[3]) ? ms : null;
}

function fieldsOf(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

// The lifetimes copy starts with a header line; the original file does not.
const isHeader = (fields: string[]) => fields[0] !== undefined && !/^\d+$/.test(fields[0]);

async function* read(paths: AdapterPaths, options: AdapterOptions = {}): AsyncGenerator<ReadResult> {
  const file = requirePath(cdnow, paths, 'transactions');
  const prefix = options.idPrefix ?? 'cdnow';
  const itemId = `${prefix}-cd`;
  // CDNOW records only how many CDs and what they cost, never which: one item stands for "a CD".
  yield {
    kind: 'items',
    value: { id: itemId, title: 'CD', category: 'Music/CD', currency: 'USD', attributes: { generic: true } },
    source: { file, line: 1 },
  };
  const customers = new Map<string, number>();
  for await (const { line, text } of readLines(file)) {
    const fields = fieldsOf(text);
    if (fields.length === 0 || (line === 1 && isHeader(fields))) continue;
    const id = fields[0] as string;
    if (!customers.has(id)) customers.set(id, line);
  }
  for (const [id, line] of customers)
    yield { kind: 'customers', value: { id: `${prefix}-${id}` }, source: { file, line } };
  customers.clear();
  for await (const { line, text } of readLines(file)) {
    const fields = fieldsOf(text);
    if (fields.length === 0 || (line === 1 && isHeader(fields))) continue;
    if (fields.length !== 4) {
      yield parseIssue(file, line, `expected 4 fields (customer date cds dollars), got ${fields.length}`, 'events');
      continue;
    }
    const [customer, date, cds, dollars] = fields as [string, string, string, string];
    const value = {
      id: `${prefix}-${line}`,
      type: 'purchase',
      customerId: `${prefix}-${customer}`,
      itemId,
      quantity: numberOrText(cds),
      revenue: numberOrText(dollars),
      currency: 'USD',
      channel: 'web',
      timestamp: parseYyyymmdd(date) ?? date,
    };
    yield { kind: 'events', value, source: { file, line } };
  }
}

/** CDNOW purchase log (Fader & Hardie), as shipped with the lifetimes package. */
export const cdnow: DatasetAdapter = describedAdapter({
  name: 'cdnow',
  description:
    "CDNOW purchases: one purchase event per line with quantity (CDs) and revenue (USD); the file names no products, so every event refers to one generic item '<prefix>-cd'",
  files: [
    {
      role: 'transactions',
      defaultName: 'CDNOW_master.txt',
      description: 'whitespace separated: customer id, date YYYYMMDD, number of CDs, dollar value',
    },
  ],
  read,
});

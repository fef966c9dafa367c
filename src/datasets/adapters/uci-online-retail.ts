/** UCI Online Retail invoice lines → items (StockCode), customers (CustomerID) and purchase/refund events. */
import { parseIssue, type ReadResult } from '../parse-issue.js';
import { describedAdapter, requirePath, type AdapterPaths, type DatasetAdapter } from './dataset-adapter.js';
import { readCsvTable, type TableRow } from './csv-table.js';
import { numberOrText, roundMoney } from './fields.js';

const COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;
type Column = (typeof COLUMNS)[number];

// Stock codes the shop used for fees and adjustments rather than goods; flagged so models can skip them.
const NON_PRODUCT_CODES = new Set([
  'POST',
  'DOT',
  'M',
  'm',
  'D',
  'C2',
  'S',
  'B',
  'CRUK',
  'PADS',
  'AMAZONFEE',
  'BANK CHARGES',
]);

/** Parses the file's `M/D/YYYY H:MM` as UTC epoch ms, or null when it does not match. */
export function parseUciDate(text: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  const ms = Date.UTC(Number(m[3]), month - 1, day, hour, minute);
  // Date.UTC rolls 13/40 over into a later date; a date that does not round-trip is not a date.
  const d = new Date(ms);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour < 24 && minute < 60 ? ms : null;
}

/** The CustomerID cell as an id: pandas round-trips turn the integer into '12583.0'. */
export function uciCustomerId(cell: string): string {
  const t = cell.trim();
  return /^\d+\.0$/.test(t) ? t.slice(0, -2) : t;
}

interface ItemAcc {
  titles: Map<string, number>;
  price: number | string;
  priceTime: number;
}

type Row = Extract<TableRow<Column>, { cell: unknown }>;

const rows = (path: string) => readCsvTable(path, COLUMNS);

async function* read(paths: AdapterPaths): AsyncGenerator<ReadResult> {
  const path = requirePath(uciOnlineRetail, paths, 'invoices');
  // Pass 1: the catalogue and customer list need the whole file (most common title, latest price).
  const items = new Map<string, ItemAcc>();
  const customers = new Map<string, { country: string; line: number }>();
  const firstLine = new Map<string, number>();
  for await (const row of rows(path)) {
    if ('error' in row) continue;
    const code = row.cell('StockCode').trim();
    const time = parseUciDate(row.cell('InvoiceDate')) ?? -Infinity;
    let item = items.get(code);
    if (!item) {
      item = { titles: new Map(), price: numberOrText(row.cell('UnitPrice')), priceTime: time };
      items.set(code, item);
      firstLine.set(code, row.line);
    } else if (time >= item.priceTime) {
      item.price = numberOrText(row.cell('UnitPrice'));
      item.priceTime = time;
    }
    const title = row.cell('Description').trim();
    if (title) item.titles.set(title, (item.titles.get(title) ?? 0) + 1);
    const customer = uciCustomerId(row.cell('CustomerID'));
    if (customer) {
      const country = row.cell('Country').trim();
      const known = customers.get(customer);
      customers.set(customer, { country: country || (known?.country ?? ''), line: known?.line ?? row.line });
    }
  }
  for (const [code, item] of items) {
    let title = code;
    let best = 0;
    // Map order is first-seen order, so ties go to the earliest description.
    for (const [t, n] of item.titles) if (n > best) [title, best] = [t, n];
    const value: Record<string, unknown> = { id: code, title, price: item.price, currency: 'GBP' };
    if (NON_PRODUCT_CODES.has(code)) value.attributes = { nonProduct: true };
    yield { kind: 'items', value, source: { file: path, line: firstLine.get(code) ?? 0 } };
  }
  for (const [id, c] of customers) {
    const value = c.country ? { id, traits: { country: c.country } } : { id };
    yield { kind: 'customers', value, source: { file: path, line: c.line } };
  }
  // Pass 2: one event per invoice line, streamed.
  for await (const row of rows(path)) {
    if ('error' in row) {
      yield parseIssue(path, row.line, row.error, 'events');
      continue;
    }
    yield { kind: 'events', value: lineEvent(row), source: { file: path, line: row.line } };
  }
}

function lineEvent(row: Row): Record<string, unknown> {
  const invoice = row.cell('InvoiceNo').trim();
  const cancelled = invoice.toUpperCase().startsWith('C');
  const rawQuantity = numberOrText(row.cell('Quantity'));
  // A cancellation line carries a negative quantity; the refund event counts units returned.
  const quantity = typeof rawQuantity === 'number' && cancelled ? -rawQuantity : rawQuantity;
  const price = numberOrText(row.cell('UnitPrice'));
  const customer = uciCustomerId(row.cell('CustomerID'));
  const dateText = row.cell('InvoiceDate');
  const event: Record<string, unknown> = {
    id: `uci-${invoice}-${row.line}`,
    type: cancelled ? 'refund' : 'purchase',
    ...(customer ? { customerId: customer } : { anonymousId: `uci-guest-${invoice}` }),
    itemId: row.cell('StockCode').trim(),
    quantity,
    price,
    currency: 'GBP',
    orderId: invoice,
    channel: 'web',
    timestamp: parseUciDate(dateText) ?? dateText,
  };
  if (typeof quantity === 'number' && typeof price === 'number') event.revenue = roundMoney(quantity * price);
  // UCI does not link a cancellation to the invoice it cancels; its own C-number is all there is.
  if (cancelled) event.properties = { cancelledInvoice: invoice };
  return event;
}

/** UCI Online Retail (and slices of it such as pycaret's france.csv). */
export const uciOnlineRetail: DatasetAdapter = describedAdapter({
  name: 'uci-online-retail',
  description:
    'UCI Online Retail invoice lines: items by StockCode (most common description, latest price, GBP), customers by CustomerID with country, one purchase per line, cancellations (C invoices) as refunds',
  files: [
    {
      role: 'invoices',
      defaultName: 'online_retail_france.csv',
      description: 'CSV with InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country',
    },
  ],
  read,
});

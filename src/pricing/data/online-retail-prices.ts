/**
 * Weekly price and unit histories per product from the UCI Online Retail invoices (InvoiceNo, StockCode,
 * Description, Quantity, InvoiceDate M/D/YYYY H:MM, UnitPrice, …): cancellations and free lines are left
 * out; a week's price is its unit-weighted mean price. The category is the description's last word
 * (BAG, MUG, CANDLE…), the nearest thing to a category the file has.
 */
import { WEEK_MS } from '../../domain/index.js';
import { readCsvRows } from '../../datasets/csv-rows.js';
import type { ItemPriceHistory } from '../elasticity.js';


/** Reads the invoices into price histories (items with at least `minWeeks` weeks of sales). */
export async function readOnlineRetailPrices(path: string, minWeeks = 8): Promise<ItemPriceHistory[]> {
  const weeks = new Map<string, { description: string; byWeek: Map<number, { units: number; value: number }> }>();
  let first = Infinity;
  let header: string[] | undefined;
  for await (const row of readCsvRows(path)) {
    if ('error' in row) continue;
    if (!header) {
      header = row.fields;
      continue;
    }
    const [invoice, code, description, qty, date, price] = row.fields;
    const units = Number(qty);
    const unitPrice = Number(price);
    if (!code || invoice?.startsWith('C') || !(units > 0) || !(unitPrice > 0) || code === 'POST') continue;
    const m = /^(\d+)\/(\d+)\/(\d{4})/.exec(date ?? '');
    if (!m) continue;
    const ms = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]));
    first = Math.min(first, ms);
    let item = weeks.get(code);
    if (!item) weeks.set(code, (item = { description: (description ?? '').trim(), byWeek: new Map() }));
    const week = Math.floor(ms / WEEK_MS);
    const w = item.byWeek.get(week) ?? { units: 0, value: 0 };
    w.units += units;
    w.value += units * unitPrice;
    item.byWeek.set(week, w);
  }
  const firstWeek = Math.floor(first / WEEK_MS);
  const out: ItemPriceHistory[] = [];
  for (const [itemId, item] of weeks) {
    if (item.byWeek.size < minWeeks) continue;
    const words = item.description.split(/\s+/).filter(Boolean);
    out.push({
      itemId,
      category: words[words.length - 1] ?? 'OTHER',
      points: [...item.byWeek]
        .sort((a, b) => a[0] - b[0])
        .map(([week, w]) => ({ t: week - firstWeek, price: w.value / w.units, units: w.units })),
    });
  }
  return out;
}

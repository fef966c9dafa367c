/** Reads a history CSV (`series_id,period,value`) and writes forecasts as CSV. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readCsvRows } from '../../datasets/csv-rows.js';
import { DAY_MS, ValidationError } from '../../domain/index.js';
import { seriesFromRows, type HistoryRow, type HistorySeries } from '../history.js';
import type { HistoryForecast } from '../forecast-history.js';
import { iso, parsePeriod } from '../periods.js';
import type { EventSpan } from '../retail-events.js';

const COLUMNS = ['series_id', 'period', 'value'] as const;

/** Reads and validates a history file; throws {@link ValidationError} naming the lines at fault. */
export async function readHistoryFile(path: string): Promise<HistorySeries[]> {
  const rows: HistoryRow[] = [];
  let index: number[] | undefined;
  for await (const row of readCsvRows(path)) {
    if ('error' in row) throw new ValidationError([{ field: 'history', message: row.error, line: row.line }]);
    if (!index) {
      const header = row.fields.map((f) => f.trim().toLowerCase());
      index = COLUMNS.map((c) => header.indexOf(c));
      const missing = COLUMNS.filter((_, i) => index![i]! < 0);
      if (missing.length > 0)
        throw new ValidationError([
          {
            field: 'header',
            message: `needs columns series_id,period,value; missing ${missing.join(', ')}`,
            line: row.line,
          },
        ]);
      continue;
    }
    const [s, p, v] = index.map((i) => row.fields[i] ?? '');
    rows.push({ seriesId: s!, period: p!, value: v!, line: row.line });
  }
  if (!index) throw new ValidationError([{ field: 'history', message: 'the file is empty' }]);
  return seriesFromRows(rows);
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function num(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

/** Writes `series_id,period,value` and one lower/upper column pair per interval level. */
export async function writeForecastFile(path: string, forecasts: readonly HistoryForecast[]): Promise<void> {
  const levels = forecasts[0]?.intervals.map((i) => i.level) ?? [];
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write([...COLUMNS, ...levels.flatMap((l) => [`lower_${l}`, `upper_${l}`])].join(','));
  for (const f of forecasts) {
    const id = quote(f.id);
    for (let k = 0; k < f.mean.length; k++) {
      const bounds = f.intervals.flatMap((i) => [num(i.lower[k]!), num(i.upper[k]!)]);
      await write([id, iso(f.periods[k]!), num(f.mean[k]!), ...bounds].join(','));
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Reads promotions: `name,start,end` with inclusive `YYYY-MM-DD` days. */
export async function readPromotionsFile(path: string): Promise<EventSpan[]> {
  const spans: EventSpan[] = [];
  let header = true;
  for await (const row of readCsvRows(path)) {
    if ('error' in row) throw new ValidationError([{ field: 'promotions', message: row.error, line: row.line }]);
    if (header) {
      header = false;
      if (row.fields[0]?.trim().toLowerCase() === 'name') continue;
    }
    const [name, from, to] = row.fields.map((f) => f.trim());
    const start = parsePeriod(from ?? '');
    const end = parsePeriod(to ?? '');
    if (!name || !start || !end || start.monthly || end.monthly || end.ms < start.ms)
      throw new ValidationError([
        {
          field: 'promotions',
          message: 'each row needs name,start,end with days YYYY-MM-DD, end not before start',
          line: row.line,
        },
      ]);
    spans.push({ name, start: start.ms, end: end.ms + DAY_MS });
  }
  return spans;
}

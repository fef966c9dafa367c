/**
 * A sales history as rows of (series, period, value) turned into series: grouped, sorted, checked for
 * equal spacing and duplicates, with every problem reported by line, and nothing forecast from bad input.
 */
import { ValidationError, type FieldIssue } from '../domain/index.js';
import { inferFrequency, parsePeriod, type Frequency, type Period } from './periods.js';

/** One row of a history file. */
export interface HistoryRow {
  seriesId: string;
  period: string;
  value: string | number;
  /** Line in the file, for messages. */
  line?: number;
}

/** One series of a history. */
export interface HistorySeries {
  id: string;
  frequency: Frequency;
  periods: Period[];
  values: Float64Array;
}

const MAX_ISSUES = 20;

/** Groups rows into series; throws {@link ValidationError} listing the bad rows and series. */
export function seriesFromRows(rows: Iterable<HistoryRow>): HistorySeries[] {
  const issues: FieldIssue[] = [];
  const groups = new Map<string, { period: Period; value: number; line?: number }[]>();
  for (const row of rows) {
    const at = row.line !== undefined ? { line: row.line } : {};
    if (issues.length >= MAX_ISSUES) break;
    if (!row.seriesId) {
      issues.push({ field: 'series_id', message: 'is empty', ...at });
      continue;
    }
    const period = parsePeriod(row.period.trim());
    if (!period) {
      issues.push({ field: 'period', message: `"${row.period}" is not YYYY-MM-DD or YYYY-MM`, ...at });
      continue;
    }
    const value = typeof row.value === 'number' ? row.value : row.value.trim() === '' ? NaN : Number(row.value);
    if (!Number.isFinite(value)) {
      issues.push({ field: 'value', message: `"${row.value}" is not a number`, ...at });
      continue;
    }
    let list = groups.get(row.seriesId);
    if (!list) groups.set(row.seriesId, (list = []));
    list.push({ period, value, ...at });
  }
  const series: HistorySeries[] = [];
  for (const [id, list] of groups) {
    if (issues.length >= MAX_ISSUES) break;
    list.sort((a, b) => a.period.ms - b.period.ms);
    const dup = list.findIndex((r, i) => i > 0 && r.period.ms === list[i - 1]!.period.ms);
    if (dup > 0) {
      const line = list[dup]!.line;
      issues.push({
        field: 'period',
        message: `series "${id}" has period ${new Date(list[dup]!.period.ms).toISOString().slice(0, 10)} twice`,
        ...(line !== undefined ? { line } : {}),
      });
      continue;
    }
    const periods = list.map((r) => r.period);
    const frequency = inferFrequency(periods);
    if (typeof frequency !== 'string') {
      issues.push({ field: 'period', message: `series "${id}": ${frequency.error}` });
      continue;
    }
    series.push({ id, frequency, periods, values: Float64Array.from(list, (r) => r.value) });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (series.length === 0) throw new ValidationError([{ field: 'history', message: 'has no rows' }]);
  return series;
}

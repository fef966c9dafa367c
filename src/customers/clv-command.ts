/**
 * Batch CLV for `daogou customers clv --transactions FILE [--until YYYY-MM-DD] [--horizon-days N] --json`:
 * reads a `customer_id,date,amount` CSV, fits BG/NBD + Gamma-Gamma (time unit: days) on purchases up to
 * `until`, and predicts the `horizonDays` after it.
 */
import { CsvColumnsError, readCsvTable } from '../datasets/index.js';
import { DAY_MS } from './types.js';
import { summariseTransactions, type PurchaseLike } from './clv/customer-summary.js';
import { fitClvModel, predictClv } from './clv/clv-model.js';
import type { SpendChoice } from './clv/choose-spend-model.js';
import type { PurchaseValidation } from './clv/purchase-choice.js';

/** Bad input in the transactions CSV, naming the line and column. */
export class TransactionsCsvError extends Error {
  override readonly name = 'TransactionsCsvError';
  readonly line: number;
  readonly field: string;

  constructor(message: string, line: number, field: string) {
    super(`line ${line}, ${field}: ${message}`);
    this.line = line;
    this.field = field;
  }
}

/** Arguments of {@link clvFromTransactionsCsv}. */
export interface ClvCommandArgs {
  path: string;
  /** Last day of the fitting period (inclusive), YYYY-MM-DD; default the last date in the file. */
  until?: string;
  horizonDays?: number;
}

/** One customer's prediction. */
export interface ClvCommandCustomer {
  customer_id: string;
  p_alive: number;
  expected_purchases: number;
  predicted_clv: number;
}

/** The chosen purchase forecast as the command reports it. */
export interface ClvForecast {
  chosen: string;
  /** Share of the naive repeat rate in expected purchases (0 = the model alone, 1 = the naive rate alone). */
  naiveWeight: number;
  reason: string;
  validation: PurchaseValidation | null;
}

/** The chosen spend forecast as the command reports it. */
export interface ClvSpendForecast {
  chosen: string;
  /** Share of Gamma-Gamma in the expected order value (0 = own mean alone, 1 = Gamma-Gamma alone). */
  modelWeight: number;
  reason: string;
  validation: SpendChoice['validation'];
}

/** The command's JSON result; parameters are per day. `a`/`b` are null if the NBD fallback was used, `p`/`q`/`v` if spend fell back to own means. */
export interface ClvCommandResult {
  params: {
    r: number;
    alpha: number;
    a: number | null;
    b: number | null;
    p: number | null;
    q: number | null;
    v: number | null;
  };
  model: {
    purchases: string;
    purchasesNote: string;
    /** Where expected purchases come from: the model, the naive repeat rate or a blend, and why. */
    forecast: ClvForecast;
    /** Where expected order values come from: Gamma-Gamma, each customer's own mean or a blend, and why. */
    spendForecast: ClvSpendForecast;
    spendNote: string;
    until: string;
    horizonDays: number;
  };
  customers: ClvCommandCustomer[];
}

/** Parses `YYYY-MM-DD` (optionally followed by a time) to epoch ms of that UTC day, or NaN. */
export function parseIsoDay(text: string): number {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return Number.NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t : Number.NaN;
}

/** Reads `customer_id,date,amount` rows (extra columns ignored, quoting allowed, header in any case). */
export async function readTransactionsCsv(path: string): Promise<PurchaseLike[]> {
  const rows: PurchaseLike[] = [];
  try {
    for await (const record of readCsvTable(path, ['customer_id', 'date', 'amount'], { ignoreCase: true })) {
      const { line } = record;
      if ('error' in record) throw new TransactionsCsvError(record.error, line, 'row');
      const customerId = record.cell('customer_id');
      if (!customerId) throw new TransactionsCsvError('empty customer id', line, 'customer_id');
      const date = record.cell('date');
      const time = parseIsoDay(date);
      if (!Number.isFinite(time)) throw new TransactionsCsvError(`"${date}" is not a YYYY-MM-DD date`, line, 'date');
      const text = record.cell('amount');
      const amount = Number(text);
      if (!Number.isFinite(amount) || text === '') {
        throw new TransactionsCsvError(`"${text}" is not a number`, line, 'amount');
      }
      rows.push({ customerId, time, amount });
    }
  } catch (e) {
    // The header is line 1; name the first column it lacks, as for any other bad cell.
    if (e instanceof CsvColumnsError) throw new TransactionsCsvError(`missing column in ${path}`, 1, e.missing[0]!);
    throw e;
  }
  return rows;
}

/** Runs the whole command; throws {@link TransactionsCsvError}, or ModelFitError when the data cannot be fitted. */
export async function clvFromTransactionsCsv(args: ClvCommandArgs): Promise<ClvCommandResult> {
  const horizonDays = args.horizonDays ?? 365;
  if (!(horizonDays > 0)) throw new RangeError(`horizonDays must be positive, got ${horizonDays}`);
  const rows = await readTransactionsCsv(args.path);
  if (rows.length === 0) throw new TransactionsCsvError('no transactions', 1, 'file');
  let end: number;
  if (args.until !== undefined) {
    end = parseIsoDay(args.until);
    if (!Number.isFinite(end)) throw new RangeError(`until must be YYYY-MM-DD, got "${args.until}"`);
  } else {
    end = -Infinity;
    for (const r of rows) end = Math.max(end, r.time);
  }
  // The end day is inclusive: any purchase on that calendar day belongs to the fitting period.
  const summary = summariseTransactions(rows, { end: end + DAY_MS - 1, unitDays: 1 });
  const model = fitClvModel(summary, { purchases: rows, horizonDays });
  const predictions = predictClv(model, summary, { horizonDays });
  const customers: ClvCommandCustomer[] = summary.ids.map((customer_id, i) => ({
    customer_id,
    p_alive: predictions.pAlive[i]!,
    expected_purchases: predictions.expectedPurchases[i]!,
    predicted_clv: predictions.clv[i]!,
  }));
  customers.sort((x, y) => y.predicted_clv - x.predicted_clv || (x.customer_id < y.customer_id ? -1 : 1));
  const m = model.purchases;
  return {
    params: {
      r: m.params.r,
      alpha: m.params.alpha,
      a: m.kind === 'bg-nbd' ? m.params.a : null,
      b: m.kind === 'bg-nbd' ? m.params.b : null,
      p: model.spend?.p ?? null,
      q: model.spend?.q ?? null,
      v: model.spend?.v ?? null,
    },
    model: {
      purchases: m.kind,
      purchasesNote: m.note,
      forecast: {
        chosen: model.choice.chosen,
        naiveWeight: model.choice.naiveWeight,
        reason: model.choice.reason,
        validation: model.choice.validation,
      },
      spendForecast: {
        chosen: model.spendChoice.chosen,
        modelWeight: model.spendChoice.modelWeight,
        reason: model.spendChoice.reason,
        validation: model.spendChoice.validation,
      },
      spendNote: model.spendNote,
      until: new Date(end).toISOString().slice(0, 10),
      horizonDays,
    },
    customers,
  };
}

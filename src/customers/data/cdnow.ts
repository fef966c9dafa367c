/** Readers for the CDNOW files (lifetimes' copies): the master transaction log and the 2,357-customer summary. */
import { readFileSync } from 'node:fs';
import { cdnow } from '../../datasets/adapters/cdnow.js';
import type { Transaction } from '../types.js';
import { transactionsFromAdapter } from './adapter-transactions.js';

/** One row of `cdnow_customers_summary.csv` (times in weeks). */
export interface CdnowSummaryRow {
  id: number;
  frequency: number;
  recency: number;
  T: number;
}

/** Reads `CDNOW_master.txt` through the dataset adapter: one transaction per line, ids as in the file. */
export function readCdnowMaster(path: string): Promise<Transaction[]> {
  return transactionsFromAdapter(cdnow, { transactions: path }, { idPrefix: 'cdnow', stripPrefix: 'cdnow-' });
}

/** Parses `cdnow_customers_summary.csv` (ID,frequency,recency,T). */
export function readCdnowSummary(path: string): CdnowSummaryRow[] {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [id, frequency, recency, T] = line.split(',').map(Number);
    return { id: id!, frequency: frequency!, recency: recency!, T: T! };
  });
}

/** End of the CDNOW calibration period used by the published fits: 1997-09-30 (39 weeks). */
export const CDNOW_CALIBRATION_END = Date.UTC(1997, 8, 30);

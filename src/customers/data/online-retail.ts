/** UCI Online Retail slices (e.g. france.csv) as one transaction per invoice, via the dataset adapter. */
import { uciOnlineRetail } from '../../datasets/adapters/uci-online-retail.js';
import type { Transaction } from '../types.js';
import { transactionsFromAdapter } from './adapter-transactions.js';

/**
 * One transaction per invoice with its lines. Cancellations (C invoices, read as refunds), adjustment
 * lines with a negative quantity and lines without a customer are dropped, as is usual for CLV.
 */
export function readOnlineRetail(path: string): Promise<Transaction[]> {
  return transactionsFromAdapter(uciOnlineRetail, { invoices: path });
}

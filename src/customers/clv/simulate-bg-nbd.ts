/** Simulates purchases from the BG/NBD story, for parameter-recovery tests and synthetic benchmarks. */
import { DAY_MS } from '../types.js';
import type { Random } from '../../math/random.js';
import { sampleBeta, sampleExponential, sampleGamma } from '../../math/sampling.js';
import type { BgNbdParams } from './bg-nbd.js';
import type { PurchaseLike } from './customer-summary.js';

/** Options for {@link simulateBgNbd}; params are per day. */
export interface SimulationOptions {
  customers: number;
  params: BgNbdParams;
  /** Epoch ms of the start; first purchases fall uniformly in the acquisition window. */
  start: number;
  acquisitionDays: number;
  /** Simulation length in days from `start`. */
  days: number;
  /** Order value for a customer's purchase (default 20–100 uniform). */
  amount?: (customer: number, random: Random) => number;
}

/** Purchases of every simulated customer (each customer's first purchase included), in time order per customer. */
export function simulateBgNbd(options: SimulationOptions, random: Random): PurchaseLike[] {
  const { r, alpha, a, b } = options.params;
  const out: PurchaseLike[] = [];
  const amount = options.amount ?? ((_c: number, rnd: Random) => 20 + 80 * rnd());
  for (let c = 0; c < options.customers; c++) {
    const lambda = sampleGamma(random, r, alpha);
    const p = sampleBeta(random, a, b);
    let t = random() * options.acquisitionDays;
    const customerId = `s${c}`;
    out.push({ customerId, time: options.start + t * DAY_MS, amount: amount(c, random) });
    // As in BG/NBD, a customer can drop out only right after a repeat purchase.
    for (;;) {
      t += sampleExponential(random, lambda);
      if (t >= options.days) break;
      out.push({ customerId, time: options.start + t * DAY_MS, amount: amount(c, random) });
      if (random() < p) break;
    }
  }
  return out;
}

/**
 * Customer analytics speed on synthetic data: 100,000 customers / 2,000,000 events (seeded) through
 * profiles, RFM, CLV, churn and clusters (goal ≤ 60 s in total) and one segment rule (goal ≤ 1 s).
 */
import { performance } from 'node:perf_hooks';
import { clusterCustomers } from '../src/customers/cluster/cluster-customers.js';
import { fitClvModel, predictClv } from '../src/customers/clv/clv-model.js';
import { summariseTransactions } from '../src/customers/clv/customer-summary.js';
import { fitChurnModel, predictChurn } from '../src/customers/churn/churn-model.js';
import { seededRandom, type Random } from '../src/math/random.js';
import { sampleBeta, sampleExponential, sampleGamma } from '../src/math/sampling.js';
import { buildProfiles } from '../src/customers/profile/build-profiles.js';
import type { CustomerProfile } from '../src/customers/profile/customer-profile.js';
import { foldEvent } from '../src/customers/profile/fold-event.js';
import { rfmGroup, type RfmGroup } from '../src/customers/rfm/rfm-groups.js';
import { rfmInputFromProfiles, rfmScores } from '../src/customers/rfm/rfm-scores.js';
import { compileRule } from '../src/customers/segments/compile-rule.js';
import type { SegmentSubject } from '../src/customers/segments/segment-subject.js';
import { DAY_MS, type BehaviourKind, type CustomerEvent, type Transaction } from '../src/customers/types.js';
import { median, writeReport, type BenchRow } from './report.js';

const START = Date.UTC(2024, 0, 1);
const DAYS = 365;
const CATEGORIES = ['女装', '男装', 'Home/Kitchen', 'Toys', 'Beauty', '数码', 'Books', 'Sports', 'Garden', '母婴'];
const CHANNELS = ['web', 'app', 'pos'];

/** Seeded store: BG/NBD purchase timing, 4 browsing events per purchase, category tastes per customer. */
function generate(customers: number, targetEvents: number, random: Random): CustomerEvent[] {
  const events: CustomerEvent[] = [];
  const kinds: BehaviourKind[] = ['view', 'view', 'view', 'click', 'add_to_cart', 'wishlist'];
  const perCustomer = targetEvents / customers;
  for (let c = 0; c < customers; c++) {
    const customerId = `u${c}`;
    const lambda = sampleGamma(random, 0.9, 25);
    const p = sampleBeta(random, 1, 4);
    const taste = Math.floor(random() * CATEGORIES.length);
    const channel = CHANNELS[Math.floor(random() * 3)]!;
    const basket = 20 + 200 * random() ** 2;
    const times: number[] = [];
    let t = random() * DAYS * 0.8;
    times.push(t);
    for (;;) {
      t += sampleExponential(random, lambda);
      if (t >= DAYS) break;
      times.push(t);
      if (random() < p) break;
    }
    const browse = Math.max(0, Math.round(perCustomer - times.length));
    const pickCategory = (): string => CATEGORIES[random() < 0.6 ? taste : Math.floor(random() * CATEGORIES.length)]!;
    for (const day of times) {
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        itemId: `i${Math.floor(random() * 5000)}`,
        category: pickCategory(),
        brand: `b${Math.floor(random() * 40)}`,
        price: basket * (0.5 + random()),
        quantity: 1,
      }));
      events.push({
        kind: 'purchase',
        customerId,
        time: START + day * DAY_MS,
        amount: items.reduce((s, i) => s + i.price, 0),
        channel,
        items,
      });
    }
    for (let k = 0; k < browse; k++) {
      events.push({
        kind: kinds[Math.floor(random() * kinds.length)]!,
        customerId,
        time: START + (times[0]! + random() * (DAYS - times[0]!)) * DAY_MS,
        itemId: `i${Math.floor(random() * 5000)}`,
        category: pickCategory(),
        price: basket * (0.5 + random()),
        channel,
      });
    }
  }
  return events;
}

function timed<T>(rows: BenchRow[], stage: string, goal: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  rows.push({ stage, seconds: (performance.now() - t0) / 1000, goal });
  return out;
}

/** Runs the speed benchmark; `--customers N` and `--events N` scale it down for a quick look. */
export default async function speed(args: string[]): Promise<void> {
  const arg = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const customers = arg('--customers', 100_000);
  const target = arg('--events', 2_000_000);
  const rows: BenchRow[] = [];
  const events = timed(rows, 'generate synthetic data (not counted)', '', () =>
    generate(customers, target, seededRandom(2024)),
  );
  const now = START + DAYS * DAY_MS;
  const purchases = events.filter((e): e is Transaction & { kind: 'purchase' } => e.kind === 'purchase');
  const t0 = performance.now();
  const profiles = timed(rows, 'profiles (batch build)', '', () => buildProfiles(events));
  const list = [...profiles.values()];
  const rfm = timed(rows, 'RFM scores + groups', '', () => {
    const input = rfmInputFromProfiles(list, now);
    const s = rfmScores(input);
    const groups = new Map<string, { group: RfmGroup; r: number; f: number; m: number }>();
    input.ids.forEach((id, i) => {
      const r = s.r[i]!;
      const f = s.f[i]!;
      const m = s.m[i]!;
      groups.set(id, { group: rfmGroup(r, f, m), r, f, m });
    });
    return groups;
  });
  const clv = timed(rows, 'CLV (summary + validated BG/NBD choice + Gamma-Gamma fit + predict 365 d)', '', () => {
    const summary = summariseTransactions(purchases, { end: now });
    const model = fitClvModel(summary, { purchases, horizonDays: 365 });
    return { summary, model, predictions: predictClv(model, summary, { horizonDays: 365 }) };
  });
  const churn = timed(rows, 'churn (logistic fit on past window + predict 90 d)', '', () =>
    predictChurn(fitChurnModel(purchases, now, 90), clv.summary),
  );
  const clusters = timed(rows, 'clusters (k-means++, k = 2..8 by silhouette)', '', () => clusterCustomers(list, now));
  const total = (performance.now() - t0) / 1000;
  rows.push({ stage: 'total analytics', seconds: total, goal: '≤ 60 s' });

  const index = new Map(clv.summary.ids.map((id, i) => [id, i]));
  const subjects: SegmentSubject[] = list.map((profile) => {
    const i = index.get(profile.customerId);
    return {
      profile,
      rfm: rfm.get(profile.customerId) ?? null,
      prediction:
        i === undefined
          ? null
          : {
              churnRisk: churn[i]!,
              pAlive: clv.predictions.pAlive[i]!,
              clv: clv.predictions.clv[i]!,
              expectedPurchases: clv.predictions.expectedPurchases[i]!,
            },
    };
  });
  const rule = 'bought("女装", 30d) and churn_risk > 0.6 or rfm.group in ("Champions", "Loyal") and orders >= 3';
  const compiled = compileRule(rule);
  let members = 0;
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    members = 0;
    for (const s of subjects) if (compiled.matches(s, now)) members++;
    runs.push((performance.now() - t) / 1000);
  }
  rows.push({
    stage: `segment rule over ${subjects.length} profiles (median of 5)`,
    seconds: median(runs),
    goal: '≤ 1 s',
  });
  const incremental = timed(rows, 'profiles by folding every event (incremental path)', '', () => {
    const folded = new Map<string, CustomerProfile>();
    for (const e of events) folded.set(e.customerId, foldEvent(folded.get(e.customerId) ?? null, e));
    return folded.size;
  });
  writeReport('customers-speed', rows, {
    customers: profiles.size,
    events: events.length,
    purchases: purchases.length,
    foldedProfiles: incremental,
    clvModel: clv.model,
    clusters: clusters.clusters.map((c) => ({ size: c.size, description: c.description })),
    silhouetteByK: clusters.silhouetteByK,
    rule,
    segmentMembers: members,
  });
}

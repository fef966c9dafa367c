/** `daogou customers analyse|profile|clv`: the batch analytics, one customer's profile, and CLV from a CSV. */
import type { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { clvFromTransactionsCsv, type ClvCommandResult } from '../../customers/index.js';
import type { CustomerInsight } from '../../customers/index.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

/** Parses a positive whole number option. */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new ValidationError([{ field: name, message: `expected a positive whole number, got "${value}"` }]);
  return n;
}

/** Parses a YYYY-MM-DD option to the end of that UTC day. */
function endOfDay(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T23:59:59.999Z`) : Number.NaN;
  if (!Number.isFinite(t)) throw new ValidationError([{ field: name, message: `expected YYYY-MM-DD, got "${value}"` }]);
  return t;
}

/** Adds the analytics subcommands to `daogou customers`. */
export function addCustomerAnalyticsCommands(customers: Command): void {
  customers
    .command('analyse')
    .alias('analyze')
    .description(
      'fold new events into profiles, then compute RFM, lifetime value, churn risk, clusters and segments now',
    )
    .option('--as-of <date>', 'analyse the data as of this day, YYYY-MM-DD (default: the latest event)')
    .option('--horizon-days <n>', 'CLV horizon in days (default 365)')
    .option('--churn-horizon-days <n>', 'churn horizon in days (default 90)')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: { asOf?: string; horizonDays?: string; churnHorizonDays?: string; json?: boolean },
        cmd: Command,
      ) => {
        const asOf = endOfDay('--as-of', opts.asOf);
        const horizonDays = positiveInt('--horizon-days', opts.horizonDays);
        const churnHorizonDays = positiveInt('--churn-horizon-days', opts.churnHorizonDays);
        await withEngine(cmd, async (engine) => {
          const progress = startProgress('customer analytics', 100, '%');
          const summary = await engine.customerAnalytics.analytics.run({
            ...(asOf !== undefined ? { asOf } : {}),
            ...(horizonDays !== undefined ? { horizonDays } : {}),
            ...(churnHorizonDays !== undefined ? { churnHorizonDays } : {}),
            onProgress: (fraction) => progress.update(Math.round(fraction * 100)),
          });
          progress.finish();
          const overview = await engine.customerAnalytics.insights.overview();
          if (opts.json) {
            console.log(
              JSON.stringify(
                { ...summary, rfmGroups: overview.rfmGroups, params: overview.params, clusters: overview.clusters },
                null,
                2,
              ),
            );
            return;
          }
          console.log(
            `analysed ${summary.customers.toLocaleString('en')} customers from ${summary.events.toLocaleString('en')} events as of ${new Date(summary.asOf).toISOString().slice(0, 10)} in ${summary.seconds.toFixed(1)} s`,
          );
          for (const note of summary.notes) console.log(`note: ${note}`);
          console.log('RFM groups:');
          for (const [group, n] of Object.entries(overview.rfmGroups).sort((a, b) => b[1] - a[1]))
            console.log(`  ${group.padEnd(20)} ${n.toLocaleString('en')}`);
          console.log(`clusters (k = ${summary.clusters}, chosen by the highest mean silhouette):`);
          for (const c of overview.clusters)
            console.log(`  ${String(c.id).padEnd(3)} ${String(c.size).padStart(8)}  ${c.description}`);
          for (const s of summary.segments)
            console.log(`segment ${s.segmentId}: ${s.entered} entered, ${s.exited} left`);
        });
      },
    );

  customers
    .command('rebuild-profiles')
    .description('forget every stored profile and fold the whole event log again (profiles are derived data)')
    .action(async (_opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const { profiles } = engine.customerAnalytics;
        await profiles.reset();
        const progress = startProgress('folding events into profiles', await engine.store.events.count(), 'events');
        let done = 0;
        for (let more = true; more;) {
          const r = await profiles.runOnce();
          done += r.events;
          progress.update(done);
          more = r.more;
        }
        progress.finish(`rebuilt ${(await engine.store.profiles.count()).toLocaleString('en')} profiles`);
      });
    });

  customers
    .command('profile')
    .description("a customer's profile, scores and segments (folds any new events first)")
    .argument('<customer-id>')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        await engine.customerAnalytics.profiles.catchUp();
        const insight = await engine.customerAnalytics.insights.profile(id);
        if (opts.json) console.log(JSON.stringify(insight, null, 2));
        else printInsight(insight);
      });
    });

  customers
    .command('clv')
    .description(
      'fit BG/NBD + Gamma-Gamma on a customer_id,date,amount CSV and predict each customer (no database needed)',
    )
    .requiredOption('--transactions <file>', 'CSV with a header including customer_id,date,amount (dates YYYY-MM-DD)')
    .option('--until <date>', 'last day of the fitting period, YYYY-MM-DD (default: the last date in the file)')
    .option('--horizon-days <n>', 'prediction horizon in days (default 365)')
    .option('--json', 'print {"params": {...}, "model": {...}, "customers": [...]} as JSON')
    .action(async (opts: { transactions: string; until?: string; horizonDays?: string; json?: boolean }) => {
      const horizonDays = positiveInt('--horizon-days', opts.horizonDays);
      const result = await clvFromTransactionsCsv({
        path: opts.transactions,
        ...(opts.until !== undefined ? { until: opts.until } : {}),
        ...(horizonDays !== undefined ? { horizonDays } : {}),
      });
      if (opts.json) {
        console.log(JSON.stringify({ params: result.params, model: result.model, customers: result.customers }));
      } else printClv(result);
    });
}

function printInsight(i: CustomerInsight): void {
  const p = i.profile;
  const prefs = (list: { key: string; weight: number }[]) =>
    list.map((x) => `${x.key} ${(x.weight * 100).toFixed(0)}%`).join(', ') || '—';
  console.log(`customer   ${i.customerId}  (${p.lifecycle})`);
  console.log(`seen       ${p.firstSeen} … ${p.lastSeen}`);
  console.log(`orders     ${p.orders}, revenue ${p.revenue.toFixed(2)}, average ${p.averageOrderValue.toFixed(2)}`);
  console.log(`categories ${prefs(p.categories)}`);
  console.log(`brands     ${prefs(p.brands)}`);
  console.log(`prices     ${prefs(p.priceBands)}`);
  console.log(`channels   ${p.channels.join(', ') || '—'}`);
  const s = i.scores;
  if (s) {
    const f = (v: number | null, d = 3) => (v === null ? '—' : v.toFixed(d));
    console.log(`RFM        ${s.rfm ? `${s.rfm.group} (R${s.rfm.r} F${s.rfm.f} M${s.rfm.m})` : '—'}`);
    console.log(
      `CLV        ${f(s.predictedClv, 2)} (expected purchases ${f(s.expectedPurchases)}, P(alive) ${f(s.pAlive)})`,
    );
    console.log(
      `churn risk ${f(s.churnRisk)}; next order ${s.nextOrderAt?.slice(0, 10) ?? '—'}; cluster ${s.cluster ?? '—'}`,
    );
  } else console.log('scores     none yet (run `daogou customers analyse`)');
  console.log(`segments   ${i.segments.map((x) => x.name).join(', ') || '—'}`);
}

function printClv(r: ClvCommandResult): void {
  const fmt = (v: number | null) => (v === null ? 'null' : v.toPrecision(4));
  console.log(`P(alive) model: ${r.model.purchases} (${r.model.purchasesNote})`);
  const f = r.model.forecast;
  console.log(`expected purchases: ${f.chosen} — ${f.reason}`);
  const sf = r.model.spendForecast;
  console.log(`expected order value: ${sf.chosen} — ${sf.reason}`);
  console.log(`fitted on purchases up to ${r.model.until}; predicting ${r.model.horizonDays} days; time unit: days`);
  console.log(
    Object.entries(r.params)
      .map(([k, v]) => `${k}=${fmt(v)}`)
      .join('  '),
  );
  console.log('customer_id           p_alive  expected_purchases  predicted_clv');
  for (const c of r.customers.slice(0, 20)) {
    console.log(
      `${c.customer_id.padEnd(20)} ${c.p_alive.toFixed(3).padStart(8)} ${c.expected_purchases.toFixed(3).padStart(19)} ${c.predicted_clv.toFixed(2).padStart(14)}`,
    );
  }
  if (r.customers.length > 20) console.log(`… ${r.customers.length - 20} more (use --json for all)`);
}

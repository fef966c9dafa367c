/** Read side for the API and CLI: one customer's profile, scores and segments; the latest run's overview. */
import { NotFoundError, toIso } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import type { CustomerCluster } from '../cluster/cluster-customers.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { viewProfile, type Preference } from '../profile/profile-view.js';

/** A customer's profile as the API shows it (times as ISO strings). */
export interface CustomerInsight {
  customerId: string;
  profile: {
    firstSeen: string;
    lastSeen: string;
    firstOrder: string | null;
    lastOrder: string | null;
    orders: number;
    revenue: number;
    averageOrderValue: number;
    daysSinceLastOrder: number | null;
    lifecycle: string;
    categories: Preference[];
    brands: Preference[];
    priceBands: Preference[];
    channels: string[];
    behaviour: Record<string, number>;
    updatedAt: string;
  };
  scores: {
    rfm: { r: number; f: number; m: number; group: string } | null;
    pAlive: number | null;
    expectedPurchases: number | null;
    predictedClv: number | null;
    churnRisk: number | null;
    nextOrderAt: string | null;
    cluster: number | null;
    computedAt: string;
  } | null;
  segments: { id: string; name: string; enteredAt: string }[];
}

/** The latest analytics run, summarised. */
export interface AnalyticsOverview {
  lastRun: { id: string; asOf: string; computedAt: string } | null;
  profiles: number;
  rfmGroups: Record<string, number>;
  params: Record<string, unknown> | null;
  notes: string[];
  clusters: CustomerCluster[];
}

const iso = (t: number | null): string | null => (t === null || !Number.isFinite(t) ? null : toIso(t));

/** Customer insight queries. */
export class CustomerInsights {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Profile, scores and segments of one customer; NotFoundError before the profile has been built. */
  async profile(customerId: string): Promise<CustomerInsight> {
    const stored = await this.store.profiles.get<CustomerProfile>(customerId);
    if (!stored) {
      throw new NotFoundError(
        `no profile for customer "${customerId}" (profiles are built from their events in the background)`,
      );
    }
    const p = stored.profile;
    const view = viewProfile(p, this.clock());
    const score = await this.store.customerScores.get(customerId);
    const memberships =
      (await this.store.segments.membershipsOf([customerId])).get(customerId) ?? new Map<string, number>();
    const segments = await this.store.segments.list();
    return {
      customerId,
      profile: {
        firstSeen: toIso(p.firstSeen),
        lastSeen: toIso(p.lastSeen),
        firstOrder: iso(p.firstOrder),
        lastOrder: iso(p.lastOrder),
        orders: p.orders,
        revenue: p.revenue,
        averageOrderValue: view.averageOrderValue,
        daysSinceLastOrder: view.daysSinceLastOrder,
        lifecycle: view.lifecycle,
        categories: view.categories,
        brands: view.brands,
        priceBands: view.priceBands,
        channels: view.channels,
        behaviour: { ...p.behaviour },
        updatedAt: toIso(stored.updatedAt),
      },
      scores: score
        ? {
            rfm: score.rfm,
            pAlive: score.pAlive,
            expectedPurchases: score.expectedPurchases,
            predictedClv: score.predictedClv,
            churnRisk: score.churnRisk,
            nextOrderAt: iso(score.nextOrderAt),
            cluster: score.cluster,
            computedAt: toIso(score.computedAt),
          }
        : null,
      segments: segments
        .filter((s) => memberships.has(s.id))
        .map((s) => ({ id: s.id, name: s.name, enteredAt: toIso(memberships.get(s.id)!) })),
    };
  }

  /** RFM group counts, model parameters, notes and clusters of the latest run. */
  async overview(): Promise<AnalyticsOverview> {
    const run = await this.store.customerScores.latestModel();
    return {
      lastRun: run ? { id: run.id, asOf: toIso(run.asOf), computedAt: toIso(run.computedAt) } : null,
      profiles: await this.store.profiles.count(),
      rfmGroups: await this.store.customerScores.groupCounts(),
      params: run?.params ?? null,
      notes: run?.notes ?? [],
      clusters: (run?.clusters ?? []) as CustomerCluster[],
    };
  }

  /** Deletes everything derived about a customer (erasure): profile, scores and memberships. */
  async forget(customerId: string): Promise<void> {
    await this.store.transaction(async (repos) => {
      await repos.profiles.delete(customerId);
      await repos.customerScores.delete(customerId);
      for (const segmentId of await repos.segments.removeCustomer(customerId)) {
        await repos.segments.refreshSize(segmentId);
      }
    });
  }
}

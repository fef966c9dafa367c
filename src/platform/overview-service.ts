/**
 * The console's overview: KPIs of a period beside the period before it, a time series per day or hour,
 * and breakdowns by channel and event type — all aggregated by the database over the event log.
 */
import { DAY_MS, IDENTIFY_EVENT_TYPE, ValidationError } from '../domain/index.js';
import type {
  BucketTotals,
  ChannelTotals,
  EventRange,
  RangeTotals,
} from '../store/repositories/event-analytics-repository.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** Bucket widths of the time series. */
export const OVERVIEW_INTERVALS = { day: DAY_MS, hour: 3_600_000 } as const;
/** A bucket width name. */
export type OverviewInterval = keyof typeof OVERVIEW_INTERVALS;
/** The most buckets one overview returns (90 days by hour would be 2,160 points no chart needs). */
export const MAX_OVERVIEW_BUCKETS = 1000;
/** Events the system writes itself (merges, segment entry and exit): they are not shopper activity. */
export const SYSTEM_EVENT_TYPES: readonly string[] = [
  IDENTIFY_EVENT_TYPE,
  'custom:segment_enter',
  'custom:segment_exit',
];
const DEFAULT_DAYS = 30;

/** What the caller asks for; times in epoch ms. */
export interface OverviewRequest {
  from?: number;
  to?: number;
  interval?: OverviewInterval;
  /** Minutes east of UTC where buckets start (e.g. 480 for days from Beijing midnight). */
  offsetMinutes?: number;
}

/** Period totals with the derived conversion rate. */
export interface OverviewTotals extends RangeTotals {
  newCustomers: number;
  /** convertedSessions / sessions (0 without sessions). */
  conversion: number;
}

/** The overview of a period. */
export interface Overview {
  from: number;
  to: number;
  interval: OverviewInterval;
  offsetMinutes: number;
  totals: OverviewTotals;
  previous: { from: number; to: number; totals: OverviewTotals };
  /** Every bucket from the one holding `from` to the one holding `to - 1`, empty ones as zeros. */
  series: BucketTotals[];
  channels: ChannelTotals[];
  eventTypes: { type: string; events: number }[];
}

/** Computes overviews. */
export class OverviewService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The overview of [from, to) (default: the last 30 days, by day) and of the period just before. */
  async overview(request: OverviewRequest = {}): Promise<Overview> {
    const interval = request.interval ?? 'day';
    const width = OVERVIEW_INTERVALS[interval];
    const offsetMinutes = request.offsetMinutes ?? 0;
    const offset = offsetMinutes * 60_000;
    const to = request.to ?? this.clock();
    const from = request.from ?? bucketStart(to, width, offset) - (DEFAULT_DAYS * DAY_MS - width);
    if (!(from < to)) throw new ValidationError([{ field: 'querystring.from', message: 'must be before `to`' }]);
    const first = bucketStart(from, width, offset);
    const count = Math.ceil((to - first) / width);
    if (count > MAX_OVERVIEW_BUCKETS) {
      throw new ValidationError([
        {
          field: 'querystring.interval',
          message: `${count} ${interval} buckets from \`from\` to \`to\`; at most ${MAX_OVERVIEW_BUCKETS}: choose a longer interval or a shorter range`,
        },
      ]);
    }
    const range: EventRange = { from, to, excludeTypes: SYSTEM_EVENT_TYPES };
    const previousRange: EventRange = { ...range, from: from - (to - from), to: from };
    const analytics = this.store.eventAnalytics;
    const [totals, previous, buckets, channels, eventTypes] = await Promise.all([
      this.totals(range),
      this.totals(previousRange),
      analytics.buckets(range, width, offset),
      analytics.byChannel(range),
      analytics.byType(range),
    ]);
    return {
      from,
      to,
      interval,
      offsetMinutes,
      totals,
      previous: { from: previousRange.from, to: previousRange.to, totals: previous },
      series: fillBuckets(buckets, first, count, width),
      channels,
      eventTypes,
    };
  }

  private async totals(range: EventRange): Promise<OverviewTotals> {
    const totals = await this.store.eventAnalytics.totals(range);
    const newCustomers = await this.store.eventAnalytics.newCustomers(range.from, range.to);
    return {
      ...totals,
      newCustomers,
      conversion: totals.sessions === 0 ? 0 : totals.convertedSessions / totals.sessions,
    };
  }
}

/** The start of the bucket holding `ms` (boundaries at multiples of `width` shifted by `offset`). */
export function bucketStart(ms: number, width: number, offset: number): number {
  return Math.floor((ms + offset) / width) * width - offset;
}

/** The `count` buckets from `first`, taking figures from the stored ones and zeros elsewhere. */
function fillBuckets(stored: readonly BucketTotals[], first: number, count: number, width: number): BucketTotals[] {
  const byStart = new Map(stored.map((b) => [b.start, b]));
  return Array.from({ length: count }, (_, i) => {
    const start = first + i * width;
    return byStart.get(start) ?? { start, events: 0, activeCustomers: 0, orders: 0, revenue: 0 };
  });
}

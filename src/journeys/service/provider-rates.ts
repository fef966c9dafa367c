/**
 * Per-provider rate limits shared by every worker: each provider's token bucket is stored in the meta table
 * and changed with compare-and-set, so two processes delivering at once take from the same bucket. Messages
 * over the rate are deferred to when tokens will be there, never dropped.
 */
import type { Store } from '../../store/store.js';
import { takeTokens, type BucketState, type BucketTake } from '../rate-bucket.js';
import type { JourneySettings } from '../settings.js';

/** The meta key prefix of the buckets. */
export const RATE_BUCKET_PREFIX = 'journeys.rate.';
/** Tries of a compare-and-set before a round gives up on a bucket (another worker kept winning): none sent now. */
const TRIES = 8;

/** The bucket a message counts against: its channel, and for webhooks the receiving origin. */
export function rateKey(channel: string, url: string | null): string {
  if (channel !== 'webhook' || !url) return channel;
  try {
    return `webhook:${new URL(url).origin}`;
  } catch {
    return 'webhook';
  }
}

/** The configured rate (messages a second) of a bucket key, or null when unlimited. */
export function rateOf(settings: JourneySettings, key: string): number | null {
  const channel = key.startsWith('webhook') ? 'webhook' : key;
  return settings.rateLimits?.[channel as keyof NonNullable<JourneySettings['rateLimits']>] ?? null;
}

/** The shared buckets. */
export class ProviderRates {
  constructor(private readonly store: Store) {}

  /** Takes up to `want` tokens from a bucket at `now`. */
  async take(key: string, rate: number, want: number, now: number): Promise<BucketTake> {
    return this.change(key, now, (state) => takeTokens(state, rate, want, now), rate);
  }

  /** Puts back tokens taken and not used (messages a guard rail stopped after the take). */
  async giveBack(key: string, rate: number, n: number, now: number): Promise<void> {
    if (n <= 0) return;
    await this.change(
      key,
      now,
      (state) => {
        const took = takeTokens(state, rate, 0, now);
        const tokens = Math.min(Math.max(1, rate), took.state.tokens + n);
        return { granted: 0, state: { tokens, at: now }, nextAt: now };
      },
      rate,
    );
  }

  private async change(
    key: string,
    now: number,
    next: (state: BucketState | null) => BucketTake,
    rate: number,
  ): Promise<BucketTake> {
    const metaKey = RATE_BUCKET_PREFIX + key;
    for (let i = 0; i < TRIES; i++) {
      const raw = await this.store.meta.get(metaKey);
      const result = next(parse(raw));
      if (await this.store.meta.compareAndSet(metaKey, raw, JSON.stringify(result.state), now)) return result;
    }
    return { granted: 0, state: { tokens: 0, at: now }, nextAt: now + Math.ceil(1000 / rate) };
  }
}

function parse(raw: string | undefined): BucketState | null {
  if (raw === undefined) return null;
  try {
    const v = JSON.parse(raw) as Partial<BucketState>;
    return typeof v.tokens === 'number' && typeof v.at === 'number' ? { tokens: v.tokens, at: v.at } : null;
  } catch {
    return null;
  }
}

/**
 * Delivery of queued messages with the guard rails: consent from the customer record, the suppression list,
 * quiet hours in the customer's zone (deferred, not dropped), frequency caps across all journeys per channel,
 * per-provider rate limits (deferred), then the channel, a bounded number at once; failures are retried with
 * back-off and end as dead letters.
 */
import type { Clock } from '../../platform/clock.js';
import type { CustomerRecord } from '../../store/repositories/customer-repository.js';
import type { MessageRecord, MessageUpdate } from '../../store/repositories/journey-message-repository.js';
import type { Store } from '../../store/store.js';
import type { OutgoingMessage } from '../channels/channel.js';
import { ADDRESS_TRAITS, DEFAULT_SETTINGS } from '../settings.js';
import { isoDurationMs, quietUntil, validZone } from '../time.js';
import type { JourneyContext } from './journey-context.js';
import type { MessagePayload } from './messages.js';
import { ProviderRates, rateKey, rateOf } from './provider-rates.js';
import { deferredAt } from '../rate-bucket.js';

/** What one delivery round did. */
export interface DeliveryRound {
  claimed: number;
  sent: number;
  failed: number;
  skipped: number;
  deferred: number;
}

/** How long a claimed message is reserved for its sender (after a crash, another sender takes it then). */
export const LEASE_MS = 120_000;

/** Runs at most `limit` tasks at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/** The delivery side of the runner. */
export class MessageDelivery {
  private readonly rates: ProviderRates;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly context: JourneyContext,
  ) {
    this.rates = new ProviderRates(store);
  }

  /** Claims and delivers one batch of due messages. */
  async deliverDue(limit: number): Promise<DeliveryRound> {
    const now = this.clock();
    const claimed = await this.store.transaction((repos) => repos.journeyMessages.claimDue(now, now + LEASE_MS, limit));
    return this.deliver(claimed, now);
  }

  /**
   * Delivers messages this sender holds the lease of (status `sending`): claimed above, or written leased by
   * the runner and sent from memory, without reading them back. `known`: customer records read moments ago
   * (by the step that built the messages); the others are read.
   */
  async deliver(
    claimed: readonly MessageRecord[],
    now: number = this.clock(),
    known?: ReadonlyMap<string, CustomerRecord>,
  ): Promise<DeliveryRound> {
    const round: DeliveryRound = { claimed: claimed.length, sent: 0, failed: 0, skipped: 0, deferred: 0 };
    if (claimed.length === 0) return round;
    const settings = await this.context.settings();
    const maxAttempts = settings.maxAttempts ?? DEFAULT_SETTINGS.maxAttempts;
    const unknown = known ? claimed.filter((m) => !known.has(m.customerId)) : claimed;
    const customers =
      unknown.length > 0
        ? await this.store.customers.getMany(unknown.map((m) => m.customerId))
        : new Map<string, CustomerRecord>();
    if (known)
      for (const m of claimed) if (known.has(m.customerId)) customers.set(m.customerId, known.get(m.customerId)!);
    const updates: MessageUpdate[] = [];
    const suppressions: { channel: string; address: string; reason: string }[] = [];
    const capCounts = new Map<string, Map<string, number>>();
    const suppressedBy = new Map<string, Set<string>>();
    const toSend: { message: MessageRecord; out: OutgoingMessage }[] = [];
    const buckets = new Map<string, { rate: number; left: number; nextAt: number; deferred: number }>();
    const skip = (m: MessageRecord, reason: string) => {
      updates.push({ id: m.id, status: 'skipped', reason, attempts: m.attempts, nextAttemptAt: null, sentAt: null });
      round.skipped += 1;
    };

    for (const m of claimed) {
      const payload = m.payload as unknown as MessagePayload;
      const customer = customers.get(m.customerId);
      if (!customer) {
        skip(m, 'customer_missing');
        continue;
      }
      const guards = payload.guards;
      if (guards.consent && !customer.consent[guards.consent]) {
        skip(m, 'no_consent');
        continue;
      }
      const addressTrait = ADDRESS_TRAITS[m.channel];
      const address = addressTrait ? customer.traits[addressTrait] : null;
      const to = typeof address === 'string' && address !== '' ? address : null;
      if (addressTrait && !to) {
        skip(m, `no_address (traits.${addressTrait})`);
        continue;
      }
      if (to) {
        let suppressed = suppressedBy.get(m.channel);
        if (!suppressed) {
          const addresses = claimed
            .filter((x) => x.channel === m.channel)
            .map((x) => customers.get(x.customerId)?.traits[addressTrait!]);
          suppressed = await this.store.journeyMessages.suppressed(
            m.channel,
            addresses.filter((a): a is string => typeof a === 'string'),
          );
          suppressedBy.set(m.channel, suppressed);
        }
        if (suppressed.has(to.toLowerCase())) {
          skip(m, 'suppressed');
          continue;
        }
      }
      if (guards.quietHours) {
        const zone = validZone(
          guards.quietHours.timezone ??
            (typeof customer.traits.timezone === 'string' ? customer.traits.timezone : null),
        );
        const until = quietUntil(now, guards.quietHours, zone);
        if (until !== null) {
          updates.push({
            id: m.id,
            status: 'queued',
            reason: 'quiet_hours',
            attempts: m.attempts,
            nextAttemptAt: until,
            sentAt: null,
          });
          round.deferred += 1;
          continue;
        }
      }
      if (guards.caps && guards.caps.length > 0) {
        let capped = false;
        for (const cap of guards.caps) {
          const key = `${m.channel}|${cap.per}`;
          let counts = capCounts.get(key);
          if (!counts) {
            counts = await this.store.journeyMessages.sentCounts(
              claimed.map((x) => x.customerId),
              m.channel,
              now - isoDurationMs(cap.per),
            );
            capCounts.set(key, counts);
          }
          if ((counts.get(m.customerId) ?? 0) >= cap.max) capped = true;
        }
        if (capped) {
          skip(m, 'frequency_cap');
          continue;
        }
      }
      const key = rateKey(m.channel, payload.url);
      const rate = rateOf(settings, key);
      if (rate !== null) {
        let bucket = buckets.get(key);
        if (!bucket) {
          // One take per provider and round, for every claimed message that may use it; what guard rails
          // stop afterwards is given back below.
          const want = claimed.filter((x) => rateKey(x.channel, (x.payload as unknown as MessagePayload).url) === key);
          const took = await this.rates.take(key, rate, want.length, now);
          bucket = { rate, left: took.granted, nextAt: took.nextAt, deferred: 0 };
          buckets.set(key, bucket);
        }
        if (bucket.left <= 0) {
          updates.push({
            id: m.id,
            status: 'queued',
            reason: 'rate_limit',
            attempts: m.attempts,
            nextAttemptAt: deferredAt(bucket.nextAt, rate, bucket.deferred++),
            sentAt: null,
          });
          round.deferred += 1;
          continue;
        }
        bucket.left -= 1;
      }
      // Count this send against every window of the channel now, so a second message in the batch sees it.
      for (const [key, counts] of capCounts)
        if (key.startsWith(`${m.channel}|`)) counts.set(m.customerId, (counts.get(m.customerId) ?? 0) + 1);
      toSend.push({
        message: m,
        out: {
          id: m.id,
          journeyId: m.journeyId,
          customerId: m.customerId,
          channel: m.channel,
          node: m.node,
          to,
          content: payload.content,
          url: payload.url,
          secret: payload.secret,
          headers: payload.headers,
          data: payload.data,
          unsubscribeUrl: m.channel === 'webhook' ? null : this.context.links.unsubscribe(m.customerId, m.channel),
        },
      });
    }

    for (const [key, bucket] of buckets) await this.rates.giveBack(key, bucket.rate, bucket.left, now);

    await pool(toSend, settings.concurrency ?? DEFAULT_SETTINGS.concurrency, async ({ message: m, out }) => {
      const channel = this.context.channel(m.channel);
      const attempts = m.attempts + 1;
      if (!channel) {
        updates.push({
          id: m.id,
          status: 'dead',
          reason: `the ${m.channel} channel is not configured`,
          attempts,
          nextAttemptAt: null,
          sentAt: null,
        });
        round.failed += 1;
        return;
      }
      const outcome = await channel.send(out, now, attempts);
      if (outcome.ok) {
        updates.push({ id: m.id, status: 'sent', reason: null, attempts, nextAttemptAt: null, sentAt: now });
        round.sent += 1;
        return;
      }
      round.failed += 1;
      if (outcome.suppress && out.to) suppressions.push({ channel: m.channel, address: out.to, reason: 'bounce' });
      const retry = outcome.retryAt !== undefined && attempts < maxAttempts;
      updates.push({
        id: m.id,
        status: retry ? 'queued' : 'dead',
        reason: outcome.reason,
        attempts,
        nextAttemptAt: retry ? outcome.retryAt! : null,
        sentAt: null,
      });
    });

    // One send time for the round (when its last answer came): the outcomes are then written in a few UPDATEs,
    // not one per message, and caps count by the day or week, far coarser than a round.
    const sentAt = this.clock();
    for (const u of updates) if (u.status === 'sent') u.sentAt = sentAt;
    await this.store.transaction(async (repos) => {
      await repos.journeyMessages.updateMany(updates);
      for (const s of suppressions) await repos.journeyMessages.suppress(s.channel, s.address, s.reason, now);
    });
    return round;
  }
}

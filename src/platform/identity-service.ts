/** Identity merge: an anonymous id becomes a customer; its past and future events follow. */
import { randomUUID } from 'node:crypto';
import { IDENTIFY_EVENT_TYPE, systemEvent, type MergeInput } from '../domain/index.js';
import type { Repositories, Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** What a merge did. */
export interface MergeResult {
  anonymousId: string;
  customerId: string;
  /** Earlier anonymous events now attributed to the customer. */
  eventsAttributed: number;
  /** The id of the `identify` event recorded in the log. */
  eventId: string;
}

/** The identity service. */
export class IdentityService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Links the anonymous id, attributes its earlier events and records an `identify` event, atomically. */
  async merge(input: MergeInput, within?: Repositories): Promise<MergeResult> {
    const now = this.clock();
    const eventId = randomUUID();
    const run = <T>(work: (repos: Repositories) => Promise<T>) =>
      within ? work(within) : this.store.transaction(work);
    const attributed = await run(async (repos) => {
      await repos.customers.ensureExist(new Map([[input.customerId, now]]), now);
      await repos.identities.link({ anonymousId: input.anonymousId, customerId: input.customerId, mergedAt: now });
      const count = await repos.events.attachAnonymous(input.anonymousId, input.customerId);
      await repos.events.insertMany([
        systemEvent({
          id: eventId,
          type: IDENTIFY_EVENT_TYPE,
          customerId: input.customerId,
          anonymousId: input.anonymousId,
          timestamp: now,
          properties: { eventsAttributed: count },
        }),
      ]);
      return count;
    });
    return { ...input, eventsAttributed: attributed, eventId };
  }
}

/**
 * Stores what a connector translated — customers (traits merged into what is known), behaviour events and
 * identity merges — in one transaction, so a batch that fails validation leaves nothing behind.
 */
import type { Clock } from '../../platform/clock.js';
import {
  CustomerInputSchema,
  EventInputSchema,
  ItemInputSchema,
  ValidationError,
  compileValidator,
  type CustomerInput,
  type EventInput,
  type FieldIssue,
  type ItemInput,
} from '../../domain/index.js';
import { customerRecordFrom } from '../../platform/customer-record-service.js';
import type { EventService, TrackResult } from '../../platform/event-service.js';
import type { IdentityService } from '../../platform/identity-service.js';
import type { ItemService } from '../../platform/item-service.js';
import type { Store } from '../../store/store.js';

const validators = {
  items: compileValidator(ItemInputSchema),
  customers: compileValidator(CustomerInputSchema),
  events: compileValidator(EventInputSchema),
};

/** Schema problems of a batch, each field prefixed with its kind (`events.price`) and the record's index. */
export function batchIssues(batch: IntakeBatch): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const kind of ['items', 'customers', 'events'] as const) {
    (batch[kind] ?? []).forEach((record, index) => {
      for (const issue of validators[kind].issues(record))
        issues.push({ ...issue, index, field: `${kind}.${issue.field}` });
    });
  }
  return issues;
}

/** A translated batch from any connector. */
export interface IntakeBatch {
  items?: ItemInput[];
  customers?: CustomerInput[];
  events?: EventInput[];
  merges?: { anonymousId: string; customerId: string }[];
}

/** How much of a batch was stored. */
export interface IntakeResult {
  items: number;
  customers: number;
  events: TrackResult;
  merges: number;
}

/** Writes connector batches through the platform services. */
export class EcommerceIntake {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly services: { items: ItemService; events: EventService; identities: IdentityService },
  ) {}

  /** Stores a batch atomically; validation problems name the record (index within its kind). */
  async write(batch: IntakeBatch): Promise<IntakeResult> {
    const issues = batchIssues(batch);
    if (issues.length > 0) throw new ValidationError(issues);
    return this.store.transaction(async (repos) => {
      const items = batch.items ?? [];
      if (items.length > 0) await this.services.items.upsert(items, repos);
      const customers = batch.customers ?? [];
      if (customers.length > 0) {
        const now = this.clock();
        const known = await repos.customers.getMany(customers.map((c) => c.id));
        const records = customers.map((input) => {
          const fresh = customerRecordFrom(input, now);
          const current = known.get(input.id);
          if (!current) return fresh;
          return {
            ...current,
            traits: { ...current.traits, ...fresh.traits },
            consent: input.consent ? { ...current.consent, ...input.consent } : current.consent,
            updatedAt: now,
          };
        });
        await repos.customers.upsertMany([...new Map(records.map((r) => [r.id, r])).values()]);
      }
      const events = await this.services.events.track(batch.events ?? [], {}, repos);
      for (const merge of batch.merges ?? []) await this.services.identities.merge(merge, repos);
      return { items: items.length, customers: customers.length, events, merges: batch.merges?.length ?? 0 };
    });
  }
}

/** Customer records (the data platform's CRUD: upsert one or a batch, patch, read); analytics live in src/customers. */
import { NotFoundError, toEpochMs, type CustomerInput, type CustomerPatch } from '../domain/index.js';
import type { CustomerRecord } from '../store/repositories/customer-repository.js';
import type { Repositories, Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** Converts a validated input into the stored record. */
export function customerRecordFrom(input: CustomerInput, now: number): CustomerRecord {
  return {
    id: input.id,
    traits: input.traits ?? {},
    consent: {
      email: input.consent?.email ?? false,
      sms: input.consent?.sms ?? false,
      push: input.consent?.push ?? false,
    },
    createdAt: input.createdAt === undefined ? now : toEpochMs(input.createdAt),
    updatedAt: now,
  };
}

/** The customer record service (`Engine.customers`), as opposed to the analytics capability (`Engine.customerAnalytics`). */
export class CustomerRecordService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates or replaces customers in one transaction. */
  async upsert(inputs: readonly CustomerInput[], repos?: Repositories): Promise<CustomerRecord[]> {
    const now = this.clock();
    const records = [...new Map(inputs.map((c) => [c.id, customerRecordFrom(c, now)])).values()];
    if (repos) await repos.customers.upsertMany(records);
    else await this.store.transaction((r) => r.customers.upsertMany(records));
    return records;
  }

  /** Merges traits key by key (a null value removes the key) and updates the consent flags given. */
  async patch(id: string, patch: CustomerPatch): Promise<CustomerRecord> {
    return this.store.transaction(async (repos) => {
      const current = await repos.customers.get(id);
      if (!current) throw new NotFoundError(`customer "${id}" does not exist`);
      const traits = { ...current.traits };
      for (const [key, value] of Object.entries(patch.traits ?? {})) {
        if (value === null) delete traits[key];
        else traits[key] = value;
      }
      const next: CustomerRecord = {
        ...current,
        traits,
        consent: { ...current.consent, ...patch.consent },
        updatedAt: this.clock(),
      };
      await repos.customers.upsertMany([next]);
      return next;
    });
  }

  /** One customer. */
  async get(id: string): Promise<CustomerRecord> {
    const customer = await this.store.customers.get(id);
    if (!customer) throw new NotFoundError(`customer "${id}" does not exist`);
    return customer;
  }
}

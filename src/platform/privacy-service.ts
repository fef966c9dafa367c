/** GDPR: export everything held about a customer, and erase it. */
import { createHash } from 'node:crypto';
import { NotFoundError, toIso, type EventView, type Customer, type IdentityLink } from '../domain/index.js';
import { customerView } from '../store/repositories/customer-repository.js';
import { eventView } from '../store/repositories/event-repository.js';
import type { Store } from '../store/store.js';
import type { EraseMode } from '../config/config.js';
import type { Clock } from './clock.js';

/** Everything stored about one customer. */
export interface CustomerExport {
  exportedAt: string;
  customer: Customer | null;
  identities: { anonymousId: string; mergedAt: string }[];
  events: EventView[];
}

/** What an erasure removed. */
export interface ErasureResult {
  customerId: string;
  mode: EraseMode;
  customerDeleted: boolean;
  identitiesDeleted: number;
  eventsAffected: number;
}

/** Derived data held elsewhere (profiles, model state) that must also forget an erased customer. */
export type ErasureHook = (customerId: string, anonymousIds: readonly string[]) => Promise<void>;

/** The privacy service. */
export class PrivacyService {
  private readonly hooks: ErasureHook[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly mode: EraseMode,
  ) {}

  /** Registers derived data to erase alongside the source data. */
  onErase(hook: ErasureHook): void {
    this.hooks.push(hook);
  }

  /** Everything held about a customer, as JSON. */
  async export(customerId: string): Promise<CustomerExport> {
    const customer = await this.store.customers.get(customerId);
    const links: IdentityLink[] = await this.store.identities.forCustomer(customerId);
    const events = await this.store.events.allForCustomer(customerId);
    if (!customer && events.length === 0 && links.length === 0) {
      throw new NotFoundError(`no data is held about customer "${customerId}"`);
    }
    return {
      exportedAt: toIso(this.clock()),
      customer: customer ? customerView(customer) : null,
      identities: links.map((l) => ({ anonymousId: l.anonymousId, mergedAt: toIso(l.mergedAt) })),
      events: events.map(eventView),
    };
  }

  /** Deletes the customer, their identity links and their events (or strips the events of personal data). */
  async erase(customerId: string, mode: EraseMode = this.mode): Promise<ErasureResult> {
    const result = await this.store.transaction(async (repos) => {
      const links = await repos.identities.forCustomer(customerId);
      const anonymousIds = links.map((l) => l.anonymousId);
      const eventsAffected =
        mode === 'delete'
          ? await repos.events.deleteForCustomer(customerId, anonymousIds)
          : await repos.events.anonymiseForCustomer(customerId, anonymousIds, pseudonym(customerId));
      const identitiesDeleted = await repos.identities.deleteForCustomer(customerId);
      const customerDeleted = await repos.customers.delete(customerId);
      if (!customerDeleted && identitiesDeleted === 0 && eventsAffected === 0) {
        throw new NotFoundError(`no data is held about customer "${customerId}"`);
      }
      return { customerId, mode, customerDeleted, identitiesDeleted, eventsAffected, anonymousIds };
    });
    for (const hook of this.hooks) await hook(customerId, result.anonymousIds);
    const { anonymousIds: _ids, ...summary } = result;
    return summary;
  }
}

/** A stable stand-in id for an erased customer's events: not reversible, and not shared across customers. */
function pseudonym(customerId: string): string {
  return `erased-${createHash('sha256').update(`daogou-erasure:${customerId}`).digest('hex').slice(0, 16)}`;
}

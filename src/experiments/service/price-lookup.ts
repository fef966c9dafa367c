/**
 * Serving price experiments: the price each customer sees for an item under a running experiment on the `price`
 * surface. The item → experiment map is built once per refresh of the running experiments (not per request,
 * not per item); a request assigns its subject once to every price experiment and records an exposure only for
 * the experiments whose items it actually returns, so the read-out counts customers who saw a price.
 */
import type { PriceExperimentTag } from '../../domain/index.js';
import { priceArms, withShownPrice, type PriceArm, type ShownPrice } from '../price-arms.js';
import type { ExperimentService, Subject } from './experiment-service.js';

/** The experiments surface whose variants set prices. */
export const PRICE_SURFACE = 'price';

/** The prices one subject sees, for one request. */
export class SubjectPrices {
  /** Nobody in particular (no subject, or no running price experiment): catalogue prices, nothing recorded. */
  static readonly none = new SubjectPrices(new Map(), () => Promise.resolve(0));

  constructor(
    private readonly byItem: ReadonlyMap<string, ShownPrice>,
    private readonly record: (experimentIds: Iterable<string>) => Promise<number>,
  ) {}

  /** True when no experiment changes any price for this subject. */
  get empty(): boolean {
    return this.byItem.size === 0;
  }

  /** The experiment's price of an item for this subject, if one sets it. */
  price(itemId: string): ShownPrice | undefined {
    return this.byItem.get(itemId);
  }

  /** Item id → the price this subject sees, for the items an experiment prices (for filters and sorting). */
  prices(): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const [id, p] of this.byItem) out.set(id, p.price);
    return out;
  }

  /** The item as this subject sees it (see {@link withShownPrice}). */
  view<T extends { id: string; price: number | null }>(item: T): T & { priceExperiment?: PriceExperimentTag } {
    return withShownPrice(item, this.byItem.get(item.id));
  }

  /** Records that these items were shown: the first exposure of each experiment pricing one of them. */
  async shown(itemIds: Iterable<string>): Promise<void> {
    if (this.byItem.size === 0) return;
    const experiments = new Set<string>();
    for (const id of itemIds) {
      const p = this.byItem.get(id);
      if (p) experiments.add(p.experimentId);
    }
    if (experiments.size > 0) await this.record(experiments);
  }
}

/** Looks up, per request, the prices a subject sees under the running price experiments. */
export class PriceLookup {
  private built: { from: readonly unknown[]; arms: Map<string, PriceArm> } | null = null;

  constructor(private readonly experiments: ExperimentService) {}

  /** Item id → the running experiment that prices it; rebuilt only when the running experiments change. */
  async arms(): Promise<ReadonlyMap<string, PriceArm>> {
    const running = await this.experiments.running(PRICE_SURFACE);
    if (this.built?.from !== running) this.built = { from: running, arms: priceArms(running) };
    return this.built.arms;
  }

  /**
   * The prices `subject` sees: their variant's price for every item a running price experiment prices (the
   * control variant's price too: it is the experiment's, and says the customer is in it). A request without a
   * subject sees catalogue prices; so does a subject outside every experiment.
   */
  async forSubject(subject: Subject | null): Promise<SubjectPrices> {
    if (!subject || (subject.customerId === undefined && subject.anonymousId === undefined)) return SubjectPrices.none;
    const arms = await this.arms();
    if (arms.size === 0) return SubjectPrices.none;
    const { assignments, expose } = await this.experiments.assignSurface(subject, PRICE_SURFACE);
    const variantOf = new Map<string, string>();
    for (const a of assignments) if (a.variant !== null) variantOf.set(a.experimentId, a.variant);
    const byItem = new Map<string, ShownPrice>();
    for (const [itemId, arm] of arms) {
      const variant = variantOf.get(arm.experimentId);
      const price = variant === undefined ? undefined : arm.prices.get(variant);
      if (variant !== undefined && price !== undefined)
        byItem.set(itemId, { price, experimentId: arm.experimentId, experiment: arm.experiment, variant });
    }
    return byItem.size === 0 ? SubjectPrices.none : new SubjectPrices(byItem, expose);
  }
}

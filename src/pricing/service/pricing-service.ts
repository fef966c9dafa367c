/**
 * Price suggestions for the store: elasticities from the purchase log's own price variation, expected
 * units from the stored demand forecasts, unit cost from an item's `cost` attribute, suggestions under the
 * store's guard rails (and a markdown plan for items flagged as overstock), stored for a person to accept
 * or reject. Accepting one sets the item's price through the item service, so search and recommendations
 * see it at once.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, WEEK_MS } from '../../domain/index.js';
import { weeklySales, type ForecastBody } from '../../forecast/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ItemService } from '../../platform/item-service.js';
import type { StoredPriceSuggestion, SuggestionStatus } from '../../store/repositories/price-suggestion-repository.js';
import type { ElasticityListQuery, StoredElasticity } from '../../store/repositories/elasticity-repository.js';
import type { Store } from '../../store/store.js';
import { estimateElasticities, type ElasticityEstimate, type ItemPriceHistory } from '../elasticity.js';
import { planMarkdown, type MarkdownPlan } from '../markdown-plan.js';
import { priceExperimentInput, type PriceExperimentOptions, type PriceExperimentPort } from './price-experiment.js';
import { suggestPrice, type PriceGuardRails, type PriceObjective, type PriceSuggestion } from '../suggest-price.js';

/** Options of a pricing run. */
export interface PricingRunOptions {
  objective?: PriceObjective;
  rails?: PriceGuardRails;
  /** Smallest change worth suggesting (default 1%). */
  minChange?: number;
}

/** The stored explanation of a suggestion. */
export type SuggestionBody = PriceSuggestion & {
  title: string;
  source: string;
  markdown?: MarkdownPlan;
  promoLift?: { lift: number; low: number; high: number };
  /** The item's category, with its average elasticity (95% interval) that the item's estimate is shrunk toward. */
  category: { name: string; elasticity: number; low: number; high: number; items: number };
};

/** Pricing over the store. */
export class PricingService {
  constructor(
    private readonly store: Store,
    private readonly items: ItemService,
    private readonly clock: Clock,
    private readonly experiments?: PriceExperimentPort,
  ) {}

  /** Estimates elasticities and stores fresh suggestions (older pending ones are superseded). */
  async run(options: PricingRunOptions = {}): Promise<{ items: number; suggestions: number; varied: number }> {
    const now = this.clock();
    const sales = await weeklySales(this.store, now, now - 104 * WEEK_MS);
    const histories: ItemPriceHistory[] = [];
    for (const [itemId, revenue] of sales.revenue) {
      const units = sales.units.get(`item:${itemId}`)!;
      const points = [];
      for (let w = 0; w < sales.weeks; w++)
        if (units[w]! > 0 && revenue[w]! > 0) points.push({ t: w, price: revenue[w]! / units[w]!, units: units[w]! });
      histories.push({ itemId, category: sales.items.get(itemId)?.category ?? 'uncategorised', points });
    }
    const estimates = estimateElasticities(histories);
    const stored: StoredElasticity[] = estimates.map((e) => ({
      itemId: e.itemId,
      category: e.category,
      elasticity: e.elasticity,
      low: e.low,
      high: e.high,
      source: e.source,
      body: { ...elasticityBody(e), title: sales.items.get(e.itemId)?.title ?? e.itemId },
      computedAt: now,
    }));
    const rails = { maxChange: 0.1, minMargin: 0.1, ...options.rails };
    const suggestions: StoredPriceSuggestion[] = [];
    for (const e of estimates) {
      const item = sales.items.get(e.itemId);
      if (!item || item.price === null || item.price <= 0 || !item.active) continue;
      const stored = await this.store.forecasts.get(`item:${e.itemId}`);
      // Suggestions reason in weekly units: a daily or monthly run's forecasts are not read here.
      const body = stored?.frequency === 'week' ? (stored.body as unknown as ForecastBody) : undefined;
      const units = sales.units.get(`item:${e.itemId}`)!;
      const recent = units.subarray(Math.max(0, units.length - 8));
      const expectedUnits = body?.forecast.mean[0] ?? recent.reduce((a, b) => a + b, 0) / Math.max(recent.length, 1);
      if (!(expectedUnits > 0)) continue;
      const cost = Number(item.attributes?.cost);
      const unitCost = Number.isFinite(cost) && cost >= 0 ? cost : undefined;
      const s = suggestPrice(
        {
          itemId: e.itemId,
          currentPrice: item.price,
          ...(unitCost !== undefined ? { unitCost } : {}),
          expectedUnits,
          elasticity: { value: e.elasticity, low: e.low, high: e.high },
        },
        rails,
        options.objective ?? 'profit',
      );
      const markdown =
        body?.inventory?.risk === 'overstock'
          ? planMarkdown({
              currentPrice: item.price,
              stock: body.inventory.stock,
              demand: body.forecast.mean,
              elasticity: e.elasticity,
              floor: Math.max(unitCost ?? 0, item.price * (1 - 0.5)),
              ...(rails.ending ? { ending: rails.ending } : {}),
            })
          : undefined;
      if (Math.abs(s.change) < (options.minChange ?? 0.01) && !markdown) continue;
      const explanation: SuggestionBody = {
        ...s,
        title: item.title,
        source: e.source,
        category: {
          name: e.category,
          elasticity: e.categoryElasticity.value,
          low: e.categoryElasticity.low,
          high: e.categoryElasticity.high,
          items: e.categoryElasticity.items,
        },
        ...(markdown ? { markdown } : {}),
        ...(e.promoLift ? { promoLift: e.promoLift } : {}),
      };
      suggestions.push({
        id: randomUUID(),
        itemId: e.itemId,
        status: 'pending',
        currentPrice: item.price,
        suggestedPrice: markdown ? (markdown.steps[0]?.price ?? s.suggested.price) : s.suggested.price,
        body: explanation as unknown as Record<string, unknown>,
        createdAt: now,
        decidedAt: null,
      });
    }
    await this.store.transaction(async (repos) => {
      await repos.priceSuggestions.replacePending(suggestions, now);
      await repos.elasticities.replaceAll(stored);
    });
    return { items: estimates.length, suggestions: suggestions.length, varied: estimates.filter((e) => e.own).length };
  }

  /** The latest run's elasticity estimates, by category then item, filtered and a page at a time. */
  elasticities(query: ElasticityListQuery = {}): Promise<{ total: number; estimates: StoredElasticity[] }> {
    return this.store.elasticities.list(query);
  }

  /** Suggestions with a status, newest first. */
  list(status: SuggestionStatus = 'pending', limit = 100, offset = 0): Promise<StoredPriceSuggestion[]> {
    return this.store.priceSuggestions.list(status, limit, offset);
  }

  /** Accepts (setting the item's price) or rejects a pending suggestion. */
  async decide(id: string, decision: 'accepted' | 'rejected'): Promise<StoredPriceSuggestion> {
    const suggestion = await this.store.priceSuggestions.get(id);
    if (!suggestion) throw new NotFoundError(`price suggestion ${id} not found`);
    if (suggestion.status !== 'pending')
      throw new ConflictError(`price suggestion ${id} is already ${suggestion.status}`);
    if (!(await this.store.priceSuggestions.decide(id, decision, this.clock())))
      throw new ConflictError(`price suggestion ${id} was decided meanwhile`);
    if (decision === 'accepted') await this.items.patch(suggestion.itemId, { price: suggestion.suggestedPrice });
    return (await this.store.priceSuggestions.get(id))!;
  }

  /**
   * Accepts a pending suggestion as an experiment: the item's price stays, and an experiment on the `price`
   * surface shows the suggested price to the treatment half (its variant config carries the price). The
   * suggestion records the experiment's id.
   */
  async acceptAsExperiment(id: string, options: PriceExperimentOptions = {}): Promise<StoredPriceSuggestion> {
    if (!this.experiments) throw new ConflictError('experiments are not available in this engine');
    const suggestion = await this.store.priceSuggestions.get(id);
    if (!suggestion) throw new NotFoundError(`price suggestion ${id} not found`);
    if (suggestion.status !== 'pending')
      throw new ConflictError(`price suggestion ${id} is already ${suggestion.status}`);
    const cost = Number((await this.store.items.get(suggestion.itemId))?.attributes?.cost);
    const unitCost = Number.isFinite(cost) && cost >= 0 ? cost : undefined;
    const experiment = await this.experiments.create(priceExperimentInput(suggestion, unitCost, options));
    const decided = await this.store.transaction(async (repos) => {
      if (!(await repos.priceSuggestions.decide(id, 'accepted', this.clock()))) return false;
      await repos.priceSuggestions.setBody(id, { ...suggestion.body, experimentId: experiment.id });
      return true;
    });
    if (!decided) {
      await this.experiments.delete(experiment.id);
      throw new ConflictError(`price suggestion ${id} was decided meanwhile`);
    }
    return (await this.store.priceSuggestions.get(id))!;
  }
}

/** What a stored estimate keeps besides its columns: where it came from and what it was shrunk toward. */
function elasticityBody(e: ElasticityEstimate): Record<string, unknown> {
  return {
    se: e.se,
    ownWeight: e.ownWeight,
    ...(e.own ? { own: e.own } : {}),
    category: e.categoryElasticity,
    ...(e.promoLift ? { promoLift: e.promoLift } : {}),
  };
}

/** Acts out one shopping session of a profile: search, browse along related categories, cart, checkout. */
import type { Channel, EventInput } from '../domain/index.js';
import type { PriceTier } from './data/catalogue-types.js';
import type { CatalogueCategory, CatalogueItem, DemoCatalogue } from './generate-catalogue.js';
import type { ShopperProfile } from './generate-customers.js';
import { DAY_MS, festivalConversion, seasonWeight } from './demo-time.js';
import { reviewText } from './review-text.js';
import type { Random } from './random.js';
import { WeightedSampler } from './random.js';
import { searchQuery } from './search-query.js';

/** What the simulator remembers about a shopper between sessions. */
export interface ShopperState {
  /** Items left in the cart at the end of the last session. */
  cart: number[];
  /** Consumables bought before, for repeat purchases. */
  consumables: number[];
}

/** An event due on a later day (ratings, reviews and refunds after a purchase). */
export interface DeferredEvent {
  readonly day: number;
  readonly event: EventInput;
}

/** Who a session belongs to: a customer or an anonymous visitor. */
export type Shopper = { customerId: string } | { anonymousId: string };

const OTHER_CHANNELS: readonly Channel[] = ['web', 'app', 'store', 'social'];
// Local-time hour weights (UTC+8), 08:00 to 01:00: a lunch bump and an evening peak.
const HOUR_WEIGHTS = [3, 4, 5, 5, 6, 5, 5, 5, 5, 6, 7, 9, 11, 12, 11, 8, 4];
const hourSampler = new WeightedSampler(HOUR_WEIGHTS);

/** Simulates sessions against one catalogue with shared id counters. */
export class SessionSimulator {
  private sessionSeq = 0;
  private orderSeq = 0;
  private readonly samplers: WeightedSampler[];

  constructor(
    private readonly random: Random,
    private readonly catalogue: DemoCatalogue,
  ) {
    this.samplers = catalogue.categories.map(
      (c) => new WeightedSampler(c.items.map((i) => catalogue.items[i]?.popularity ?? 0)),
    );
  }

  /** Events of one session on day `day` (starting at `dayStart`, not before `notBefore`), plus events deferred to later days. */
  session(
    profile: ShopperProfile,
    who: Shopper,
    state: ShopperState,
    day: number,
    dayStart: number,
    notBefore = 0,
  ): { events: EventInput[]; deferred: DeferredEvent[] } {
    const r = this.random;
    const events: EventInput[] = [];
    const deferred: DeferredEvent[] = [];
    const channel = r.chance(0.75) ? profile.channel : r.pick(OTHER_CHANNELS);
    const sessionId = `demo-s${String(++this.sessionSeq).padStart(7, '0')}`;
    // Local hour 08:00 + k is UTC k; sessions start by 17:00 UTC so they end before midnight UTC.
    let t = dayStart + hourSampler.sample(r) * 3_600_000 + r.int(3_600_000);
    // A customer's first session cannot start before they signed up.
    t = Math.max(t, notBefore + 60_000);
    const emit = (type: EventInput['type'], fields: Partial<EventInput> = {}): void => {
      events.push({ id: '', type, ...who, ...fields, channel, sessionId, timestamp: t });
      t += Math.round(Math.min(150, r.logNormal(35, 0.6)) * 1000);
    };
    const cart = new Map<number, number>();
    const seen: number[] = [];
    const view = (item: CatalogueItem, source?: string): void => {
      if (source) emit('click', { itemId: item.input.id, properties: { source } });
      emit('view', { itemId: item.input.id });
      seen.push(item.index);
    };
    const addToCart = (item: CatalogueItem): void => {
      const quantity = this.catalogue.categories[item.category]?.spec.consumable && r.chance(0.35) ? r.range(2, 3) : 1;
      cart.set(item.index, quantity);
      emit('add_to_cart', { itemId: item.input.id, quantity, price: item.price, currency: 'CNY' });
    };

    let current: CatalogueItem | undefined;
    const returning = state.cart.length > 0 && r.chance(0.35);
    const repeat = !returning && state.consumables.length > 0 && r.chance(0.25);
    if (returning) {
      // Back for an abandoned cart: look at it again, it is still in the cart.
      for (const i of state.cart) {
        const item = this.catalogue.items[i];
        if (!item) continue;
        view(item, 'cart');
        cart.set(i, 1);
      }
      current = this.catalogue.items[state.cart[0] ?? -1];
    } else if (repeat) {
      current = this.catalogue.items[r.pick(state.consumables)];
      if (current) {
        view(current, 'orders');
        addToCart(current);
      }
    } else {
      const category = this.pickCategory(profile, dayStart);
      const target = this.pickItem(category, profile, t);
      if (target && r.chance(channel === 'store' ? 0.1 : 0.32)) {
        emit('search', { query: searchQuery(r, target, profile.language) });
        // Some shoppers rephrase before clicking, which gives query analytics refinements to find.
        if (r.chance(0.15)) emit('search', { query: searchQuery(r, target, profile.language) });
        const hit = r.chance(0.75) ? target : this.pickItem(category, profile, t);
        if (hit) view(hit, 'search');
        current = hit;
      } else if (target) {
        view(target);
        current = target;
      }
    }
    state.cart = [];

    // Heavy shoppers browse longer; most sessions are short (a long tail of deep browsing).
    const heavy = Math.min(2, profile.sessions / 15);
    const length = Math.min(15, Math.floor(r.pareto(2) * (1.3 + heavy)));
    for (let step = 0; current && step < length; step++) {
      const affinity = this.affinity(current, profile);
      if (r.chance(0.025 * affinity)) emit('wishlist', { itemId: current.input.id });
      if (!cart.has(current.index) && r.chance(0.14 * affinity)) {
        addToCart(current);
        // Complements: the phone's case, the dress's belt — viewed and usually carted in the same visit.
        const partner = this.catalogue.items[current.partners[r.int(current.partners.length)] ?? -1];
        if (partner && !cart.has(partner.index) && r.chance(0.6)) {
          view(partner, 'recommendation');
          if (r.chance(0.75)) addToCart(partner);
        }
      }
      if (cart.size > 0 && r.chance(0.08)) {
        const [first] = cart.keys();
        const gone = this.catalogue.items[first ?? -1];
        if (gone) {
          cart.delete(gone.index);
          emit('remove_from_cart', { itemId: gone.input.id, quantity: 1 });
        }
      }
      const next = this.nextItem(current, profile, seen, t, dayStart);
      if (next) view(next, r.chance(0.2) ? 'recommendation' : undefined);
      current = next;
    }

    if (cart.size > 0) {
      const buy = Math.min(0.95, 0.6 * profile.buyer * festivalConversion(dayStart));
      if (r.chance(buy)) this.checkout(profile, who, cart, state, emit, deferred, day, dayStart);
      else state.cart = [...cart.keys()];
    }
    return { events, deferred };
  }

  /** Buys the cart as one order and schedules ratings, reviews and the odd refund for later days. */
  private checkout(
    profile: ShopperProfile,
    who: Shopper,
    cart: Map<number, number>,
    state: ShopperState,
    emit: (type: EventInput['type'], fields?: Partial<EventInput>) => void,
    deferred: DeferredEvent[],
    day: number,
    dayStart: number,
  ): void {
    const r = this.random;
    const orderId = `demo-o${String(++this.orderSeq).padStart(6, '0')}`;
    // Festival prices are lower: the reason shoppers wait for them.
    const discount = festivalConversion(dayStart) > 1 ? 0.85 : 1;
    for (const [index, quantity] of cart) {
      const item = this.catalogue.items[index];
      if (!item) continue;
      const price = Math.round(item.price * discount * 100) / 100;
      const revenue = Math.round(price * quantity * 100) / 100;
      const itemId = item.input.id;
      emit('purchase', { itemId, quantity, price, revenue, currency: 'CNY', orderId });
      if (this.catalogue.categories[item.category]?.spec.consumable && !state.consumables.includes(index)) {
        state.consumables.push(index);
      }
      const later = day + r.range(2, 14);
      const at = dayStart + (later - day) * DAY_MS + r.int(DAY_MS - 60_000);
      const liked = this.affinity(item, profile) > 1 ? 0.4 : -0.2;
      const rating = Math.max(1, Math.min(5, Math.round(item.quality + liked + 0.8 * r.normal())));
      const channel = profile.channel;
      if (rating <= 2 && r.chance(0.25)) {
        const event: EventInput = { id: '', type: 'refund', ...who, itemId, quantity, price, revenue };
        deferred.push({ day: later, event: { ...event, currency: 'CNY', orderId, channel, timestamp: at } });
      }
      if (!r.chance(0.3)) continue;
      deferred.push({ day: later, event: { id: '', type: 'rating', ...who, itemId, rating, channel, timestamp: at } });
      if (r.chance(0.55)) {
        const aspects = this.catalogue.departments[item.department]?.aspects ?? [];
        const review = reviewText(r, rating, profile.language, aspects);
        const event: EventInput = { id: '', type: 'review', ...who, itemId, rating, review, channel };
        deferred.push({ day: later, event: { ...event, timestamp: at + 1000 } });
      }
    }
  }

  /** A category for a session: mostly from the shopper's departments, favourite categories, in season. */
  private pickCategory(profile: ShopperProfile, dayStart: number): CatalogueCategory {
    const r = this.random;
    const categories = this.catalogue.categories;
    const department = r.chance(0.88)
      ? r.weighted(profile.departments, profile.departmentWeights)
      : r.int(this.catalogue.departments.length);
    const own = categories.filter((c) => c.department === department);
    const weights = own.map(
      (c) => c.spec.weight * seasonWeight(c.spec.season, dayStart) * (profile.categories.has(c.index) ? 3 : 1),
    );
    return r.weighted(own, weights);
  }

  /** A popular item of the category that suits the shopper and existed at time `t`. */
  private pickItem(category: CatalogueCategory, profile: ShopperProfile, t: number): CatalogueItem | undefined {
    const sampler = this.samplers[category.index];
    if (!sampler || sampler.size === 0) return undefined;
    let fallback: CatalogueItem | undefined;
    for (let attempt = 0; attempt < 12; attempt++) {
      const item = this.catalogue.items[category.items[sampler.sample(this.random)] ?? -1];
      if (!item || item.createdAt > t) continue;
      fallback ??= item;
      // Rejection sampling turns popularity × taste into one draw without per-shopper tables.
      if (this.random.next() * 3 < this.affinity(item, profile)) return item;
    }
    return fallback;
  }

  /** The next item in a session: same category, a related one, another favourite, or back to an earlier one. */
  private nextItem(
    current: CatalogueItem,
    profile: ShopperProfile,
    seen: readonly number[],
    t: number,
    dayStart: number,
  ): CatalogueItem | undefined {
    const r = this.random;
    const category = this.catalogue.categories[current.category];
    if (!category) return undefined;
    const roll = r.next();
    if (roll < 0.6) return this.pickItem(category, profile, t);
    if (roll < 0.8 && category.related.length > 0) {
      const related = this.catalogue.categories[r.pick(category.related)];
      return related ? this.pickItem(related, profile, t) : undefined;
    }
    if (roll < 0.9) return this.pickItem(this.pickCategory(profile, dayStart), profile, t);
    return this.catalogue.items[r.pick(seen)];
  }

  /** How much a shopper likes an item, 0.15–3: favourite brand and matching price tier. */
  private affinity(item: CatalogueItem, profile: ShopperProfile): number {
    const tierGap = Math.abs(TIER_RANK[item.tier] - TIER_RANK[profile.tier]);
    const tier = tierGap === 0 ? 1 : tierGap === 1 ? 0.45 : 0.15;
    return (profile.brands.has(item.brand) ? 3 : 1) * tier;
  }
}

const TIER_RANK: Record<PriceTier, number> = { budget: 0, mid: 1, premium: 2 };

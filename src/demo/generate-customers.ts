/** Builds demo customers and the latent tastes and lifecycles that shape their behaviour. */
import type { Channel, CustomerInput } from '../domain/index.js';
import type { PriceTier } from './data/catalogue-types.js';
import { CITIES, GIVEN_NAMES, LATIN_FIRST, LATIN_LAST, SURNAMES } from './data/people-data.js';
import type { DemoCatalogue } from './generate-catalogue.js';
import { DAY_MS } from './demo-time.js';
import type { Random } from './random.js';

/** Where a shopper is in their relationship with the store. */
export type Lifecycle = 'new' | 'active' | 'lapsed' | 'churned' | 'visitor';

/** A shopper's hidden tastes and rhythm; the generator acts them out, analytics should rediscover them. */
export interface ShopperProfile {
  /** Set for registered customers. */
  readonly customerId?: string;
  /** Set for anonymous visitors and for customers who browsed before signing up. */
  readonly anonymousId?: string;
  readonly language: 'zh' | 'en';
  /** Preferred departments (indices) and their weights, strongest first. */
  readonly departments: readonly number[];
  readonly departmentWeights: readonly number[];
  /** Preferred categories (indices): browsed three times as often within their department. */
  readonly categories: ReadonlySet<number>;
  readonly brands: ReadonlySet<string>;
  readonly tier: PriceTier;
  readonly channel: Channel;
  /** Expected sessions over the active span. */
  readonly sessions: number;
  /** Multiplier on the chance to buy what is in the cart. */
  readonly buyer: number;
  readonly lifecycle: Lifecycle;
  /** Active span as day indices in the history window, [firstDay, lastDay). */
  readonly firstDay: number;
  readonly lastDay: number;
  /** Sign-up time, epoch ms (customers only). */
  readonly signupAt: number;
}

/** Customers, their profiles, anonymous visitors and the anonymous ids that later become customers. */
export interface DemoShoppers {
  readonly customers: CustomerInput[];
  readonly profiles: ShopperProfile[];
  readonly visitors: ShopperProfile[];
  readonly merges: { anonymousId: string; customerId: string }[];
}

const CHANNELS: readonly Channel[] = ['web', 'app', 'store', 'social'];
const CHANNEL_SHARE = [0.35, 0.4, 0.12, 0.13];
const TIERS: readonly PriceTier[] = ['budget', 'mid', 'premium'];

/** Generates `count` customers and about half as many anonymous visitors. */
export function generateShoppers(
  random: Random,
  catalogue: DemoCatalogue,
  count: number,
  anchor: number,
  days: number,
): DemoShoppers {
  const windowStart = anchor - days * DAY_MS;
  const customers: CustomerInput[] = [];
  const profiles: ShopperProfile[] = [];
  const merges: { anonymousId: string; customerId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const customerId = `C${String(i + 1).padStart(5, '0')}`;
    const person = drawPerson(random, i);
    const lifecycle = random.weighted<Lifecycle>(['new', 'active', 'lapsed', 'churned'], [0.15, 0.45, 0.22, 0.18]);
    const { signupDay, firstDay, lastDay } = drawSpan(random, lifecycle, days);
    // Sign-ups happen by 17:00 UTC (01:00 local) so a first session that day still ends before midnight.
    const signupAt = windowStart + signupDay * DAY_MS + random.int(17 * 3_600_000);
    // Some shoppers who signed up during the window browsed anonymously first; the loader merges them.
    const anonymousId = signupDay > 3 && random.chance(0.35) ? anonymousIdFor(random) : undefined;
    if (anonymousId) merges.push({ anonymousId, customerId });
    const channel = random.weighted(CHANNELS, CHANNEL_SHARE);
    const tastes = drawTastes(random, catalogue, person.gender, person.cityTier);
    const span = (lastDay - firstDay) / days;
    const activity = (1.5 + Math.min(random.pareto(1.6), 25)) * 1.5;
    profiles.push({
      customerId,
      ...(anonymousId ? { anonymousId } : {}),
      language: person.language,
      ...tastes,
      channel,
      // Lapsed and churned customers were real customers once: give them enough visits to have bought.
      sessions: Math.max(lifecycle === 'lapsed' || lifecycle === 'churned' ? 3 : 0, activity * (0.5 + 0.5 * span)),
      buyer: random.chance(0.12) ? 0.15 : random.logNormal(1, 0.45),
      lifecycle,
      firstDay,
      lastDay,
      signupAt,
    });
    customers.push({
      id: customerId,
      traits: {
        name: person.name,
        email: person.email,
        city: person.city,
        ...(person.gender && random.chance(0.8) ? { gender: person.gender } : {}),
        language: person.language,
      },
      consent: {
        email: random.chance(0.75),
        sms: random.chance(0.3),
        push: random.chance(channel === 'app' ? 0.6 : 0.15),
      },
      createdAt: signupAt,
    });
  }
  const visitors: ShopperProfile[] = [];
  for (let v = 0; v < Math.round(count * 0.5); v++) {
    const person = drawPerson(random, count + v);
    const firstDay = random.int(days);
    visitors.push({
      anonymousId: anonymousIdFor(random),
      language: person.language,
      ...drawTastes(random, catalogue, person.gender, person.cityTier),
      channel: random.weighted(CHANNELS, [0.5, 0.2, 0, 0.3]),
      sessions: Math.min(random.pareto(2.5), 6),
      buyer: 0.5,
      lifecycle: 'visitor',
      firstDay,
      lastDay: Math.min(days, firstDay + random.range(1, 30)),
      signupAt: 0,
    });
  }
  return { customers, profiles, visitors, merges };
}

function drawSpan(
  random: Random,
  lifecycle: Lifecycle,
  days: number,
): { signupDay: number; firstDay: number; lastDay: number } {
  if (lifecycle === 'new') {
    const signupDay = days - random.range(1, Math.min(40, days));
    return { signupDay, firstDay: signupDay, lastDay: days };
  }
  // Long-standing customers may have signed up up to two years before the window.
  const signupDay = random.chance(0.8) ? -random.int(Math.max(1, 730 - days)) : random.int(Math.floor(days * 0.4));
  const firstDay = Math.max(0, signupDay);
  let lastDay = days;
  if (lifecycle === 'lapsed') lastDay = days - random.range(60, 110);
  if (lifecycle === 'churned') lastDay = days - random.range(120, Math.max(121, days - 10));
  lastDay = Math.max(lastDay, firstDay + 5);
  return { signupDay, firstDay, lastDay: Math.min(days, lastDay) };
}

interface Person {
  name: string;
  email: string;
  city: string;
  cityTier: number;
  gender: 'female' | 'male' | undefined;
  language: 'zh' | 'en';
}

function drawPerson(random: Random, n: number): Person {
  const city = random.weighted(
    CITIES,
    CITIES.map((c) => c.weight),
  );
  const overseas = city.en === 'Singapore' || city.en === 'Hong Kong';
  if (random.chance(overseas ? 0.6 : 0.12)) {
    const [first, gender] = random.pick(LATIN_FIRST);
    const last = random.pick(LATIN_LAST);
    return {
      name: `${first} ${last}`,
      email: `${first}.${last}${n + 1}@example.com`.toLowerCase(),
      city: city.zh,
      cityTier: city.tier,
      gender,
      language: random.chance(0.8) ? 'en' : 'zh',
    };
  }
  const [surname, surnamePinyin] = random.pick(SURNAMES);
  const [given, givenPinyin, gender] = random.pick(GIVEN_NAMES);
  return {
    name: surname + given,
    email: `${givenPinyin}.${surnamePinyin}${n + 1}@example.com`,
    city: city.zh,
    cityTier: city.tier,
    gender,
    language: random.chance(0.95) ? 'zh' : 'en',
  };
}

type Tastes = Pick<ShopperProfile, 'departments' | 'departmentWeights' | 'categories' | 'brands' | 'tier'>;

function drawTastes(
  random: Random,
  catalogue: DemoCatalogue,
  gender: 'female' | 'male' | undefined,
  cityTier: number,
): Tastes {
  const appeal = catalogue.departments.map((d) =>
    gender === 'female' ? d.appeal[0] : gender === 'male' ? d.appeal[1] : (d.appeal[0] + d.appeal[1]) / 2,
  );
  const howMany = random.weighted([1, 2, 3], [0.45, 0.35, 0.2]);
  const departments: number[] = [];
  while (departments.length < howMany) {
    const d = random.weightedIndex(appeal);
    if (!departments.includes(d)) departments.push(d);
  }
  const categories = new Set<number>();
  for (const d of departments) {
    const own = catalogue.categories.filter((c) => c.department === d);
    const first = random.pick(own);
    categories.add(first.index);
    if (random.chance(0.4)) categories.add(random.pick(own).index);
  }
  const premiumLean = cityTier === 1 ? 0.28 : cityTier === 2 ? 0.18 : 0.1;
  const tier = random.weighted(TIERS, [0.35, 0.65 - premiumLean, premiumLean]);
  const brands = new Set<string>();
  for (let k = random.range(1, 3); k > 0; k--) {
    const dept = catalogue.departments[random.pick(departments)];
    if (!dept) continue;
    brands.add(
      random.weighted(
        dept.brands,
        dept.brands.map((b) => (b.tier === tier ? 3 : 1)),
      ).name,
    );
  }
  return { departments, departmentWeights: [1, 0.55, 0.3].slice(0, howMany), categories, brands, tier };
}

function anonymousIdFor(random: Random): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += random.int(0x10000).toString(16).padStart(4, '0');
  return `anon-${hex}`;
}

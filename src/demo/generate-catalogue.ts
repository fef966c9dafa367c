/** Builds the bilingual demo catalogue and the hidden facts (popularity, quality, partners) behaviour needs. */
import type { ItemInput } from '../domain/index.js';
import type { CategorySpec, DepartmentSpec, PriceTier, Term } from './data/catalogue-types.js';
import { DEPARTMENTS } from './data/catalogue-data.js';
import { colourTerm } from './data/colours.js';
import { DAY_MS } from './demo-time.js';
import type { Random } from './random.js';

/** A leaf category with its place in the catalogue. */
export interface CatalogueCategory {
  readonly index: number;
  readonly department: number;
  readonly spec: CategorySpec;
  /** '女装/连衣裙' and 'Women/Dresses'. */
  readonly path: string;
  readonly pathEn: string;
  /** Item indices in this category. */
  readonly items: number[];
  /** Category indices browsed next to this one. */
  related: number[];
  /** Category indices bought together with this one. */
  complements: number[];
}

/** An item with the latent facts that drive the simulated behaviour (never stored). */
export interface CatalogueItem {
  readonly index: number;
  readonly input: ItemInput;
  readonly department: number;
  readonly category: number;
  readonly brand: string;
  readonly tier: PriceTier;
  readonly price: number;
  /** Relative chance of being looked at (power law over a random rank). */
  readonly popularity: number;
  /** Mean rating the item deserves, 1–5. */
  readonly quality: number;
  /** Epoch ms; the item cannot be seen before it. */
  readonly createdAt: number;
  /** Words a shopper might search for it with. */
  readonly words: { readonly zh: readonly string[]; readonly en: readonly string[] };
  /** Items bought with this one (frequently bought together). */
  partners: number[];
}

/** The generated catalogue. */
export interface DemoCatalogue {
  readonly departments: readonly DepartmentSpec[];
  readonly categories: readonly CatalogueCategory[];
  readonly items: readonly CatalogueItem[];
}

const TIER_PRICE: Record<PriceTier, number> = { budget: 0.55, mid: 1, premium: 2.1 };

/** Generates `count` items over the last year before `anchor`. */
export function generateCatalogue(random: Random, count: number, anchor: number, historyDays: number): DemoCatalogue {
  const categories = buildCategories();
  const counts = allocate(
    count,
    categories.map((c) => c.spec.weight),
  );
  // Draft every item, then shuffle so ids do not run category by category as in a real store.
  const drafts: { category: CatalogueCategory }[] = [];
  categories.forEach((category, i) => {
    for (let k = 0; k < (counts[i] ?? 0); k++) drafts.push({ category });
  });
  const order = random.shuffle(drafts);
  const ranks = random.shuffle(order.map((_, i) => i));
  const items = order.map((draft, index) =>
    draftItem(random, draft.category, index, (ranks[index] ?? index) / order.length, anchor, historyDays),
  );
  for (const item of items) categories[item.category]?.items.push(item.index);
  linkPartners(items, categories, anchor - historyDays * DAY_MS);
  return { departments: DEPARTMENTS, categories, items };
}

function buildCategories(): CatalogueCategory[] {
  const categories: CatalogueCategory[] = [];
  DEPARTMENTS.forEach((dept, d) => {
    for (const spec of dept.categories) {
      categories.push({
        index: categories.length,
        department: d,
        spec,
        path: `${dept.name[0]}/${spec.name[0]}`,
        pathEn: `${dept.name[1]}/${spec.name[1]}`,
        items: [],
        related: [],
        complements: [],
      });
    }
  });
  const byPath = new Map(categories.map((c) => [c.path, c.index]));
  const resolve = (paths: readonly string[] | undefined): number[] =>
    (paths ?? []).map((p) => {
      const index = byPath.get(p);
      if (index === undefined) throw new Error(`unknown category ${p}`);
      return index;
    });
  for (const c of categories) {
    c.related = resolve(c.spec.related);
    c.complements = resolve(c.spec.complements);
  }
  return categories;
}

/** Splits `total` in proportion to `weights` (largest remainder), at least one each. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) {
    const i = byRemainder[k]?.i ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function draftItem(
  random: Random,
  category: CatalogueCategory,
  index: number,
  /** Popularity rank as a fraction of the catalogue, 0 = most popular. */
  rankShare: number,
  anchor: number,
  historyDays: number,
): CatalogueItem {
  const spec = category.spec;
  const dept = DEPARTMENTS[category.department] as DepartmentSpec;
  const brand = random.pick(dept.brands);
  const id = `SKU-${String(index + 1).padStart(6, '0')}`;
  const noun = random.pick(spec.nouns);
  const style = random.pick(spec.styles);
  const style2 = random.chance(0.35) ? random.pick(spec.styles) : undefined;
  const styles = style2 && style2 !== style ? [style, style2] : [style];
  const colour = spec.colors ? colourTerm(random.pick(spec.colors)) : undefined;
  const material = spec.materials ? random.pick(spec.materials) : undefined;
  const extras = (spec.extras ?? []).map((e) => ({ spec: e, value: random.pick(e.values) }));
  const model = spec.models ? modelCode(random, random.pick(spec.models)) : undefined;
  const price = pricePoint(random.logNormal(spec.price * TIER_PRICE[brand.tier], spec.spread * 0.6));

  const titleExtras = extras.filter((e) => e.spec.inTitle).map((e) => e.value);
  const zhParts = [brand.name, model, ...styles.map((s) => s[0]), colour?.[0], material?.[0], noun[0]];
  const enParts = [brand.name, model, colour && cap(colour[1]), material && cap(material[1])];
  enParts.push(...styles.map((s) => cap(s[1])), cap(noun[1]));
  zhParts.push(...titleExtras.map((t) => t[0]));
  enParts.push(...titleExtras.map((t) => t[1]));

  const sizes = spec.sizes ? sizeRange(random, spec.sizes) : undefined;
  const attributes: Record<string, string | string[]> = {};
  if (colour) Object.assign(attributes, { color: colour[0], color_en: colour[1] });
  if (sizes) attributes.size = sizes;
  if (material) Object.assign(attributes, { material: material[0], material_en: material[1] });
  attributes.style = style[0];
  attributes.style_en = style[1];
  for (const e of extras) {
    attributes[e.spec.key] = e.value[0];
    if (e.value[1] !== e.value[0]) attributes[`${e.spec.key}_en`] = e.value[1];
  }
  if (model) attributes.model = model;

  // A third of the items arrived during the history window, so "newest" and new-arrival tags mean something.
  const createdAt = random.chance(0.35)
    ? anchor - Math.floor(random.next() * (historyDays - 7) * DAY_MS) - 7 * DAY_MS
    : anchor - historyDays * DAY_MS - Math.floor(random.next() * (365 - historyDays) * DAY_MS);
  const popularity = 1 / Math.pow(rankShare * 3000 + 8, 1.05);
  const quality = Math.min(4.9, Math.max(2.3, 4.1 + 0.45 * random.normal()));
  const stockRoll = random.next();
  const stock = stockRoll < 0.05 ? 0 : stockRoll < 0.15 ? null : Math.max(1, Math.round(random.logNormal(80, 0.9)));

  const tags: string[] = [];
  if (createdAt > anchor - 30 * DAY_MS) tags.push('新品', 'new');
  if (rankShare < 0.05) tags.push('bestseller', '热销');
  if (random.chance(0.3)) tags.push('包邮');
  if (random.chance(0.08)) tags.push('sale', '特价');
  if (spec.season) tags.push(spec.season === 'summer' ? '夏季' : '冬季');

  const item: ItemInput = {
    id,
    title: zhParts.filter(isText).join(' '),
    description: describeZh(brand.name, noun, material, colour, sizes, spec.pitch),
    category: category.path,
    brand: brand.name,
    price,
    currency: 'CNY',
    stock,
    attributes,
    images: [`/demo/images/${id}.svg`],
    tags,
    translations: {
      en: {
        title: enParts.filter(isText).join(' '),
        description: describeEn(brand.name, noun, material, colour, sizes, spec.pitch),
        category: category.pathEn,
      },
    },
    active: !random.chance(0.02),
    createdAt,
  };
  const words = {
    zh: [noun[0], style[0], colour?.[0], material?.[0], brand.name, model].filter(isText),
    en: [noun[1], style[1], colour?.[1], material?.[1], brand.name, model].filter(isText),
  };
  return {
    index,
    input: item,
    department: category.department,
    category: category.index,
    brand: brand.name,
    tier: brand.tier,
    price,
    popularity,
    quality,
    createdAt,
    words,
    partners: [],
  };
}

/** Each item in a category with complements gets one or two partners among the complement's best sellers. */
function linkPartners(items: CatalogueItem[], categories: readonly CatalogueCategory[], windowStart: number): void {
  const bestSellers = new Map<number, CatalogueItem[]>();
  const poolOf = (c: number): CatalogueItem[] => {
    let pool = bestSellers.get(c);
    if (!pool) {
      // Partners must exist for the whole history, so the pair can be bought together from day one.
      pool = (categories[c]?.items ?? [])
        .map((i) => items[i])
        .filter((x): x is CatalogueItem => x !== undefined && x.createdAt < windowStart)
        .sort((a, b) => b.popularity - a.popularity || a.index - b.index)
        .slice(0, 3);
      bestSellers.set(c, pool);
    }
    return pool;
  };
  for (const item of items) {
    for (const c of categories[item.category]?.complements ?? []) {
      const pool = poolOf(c);
      const partner = pool[item.index % Math.max(1, pool.length)];
      if (partner) item.partners.push(partner.index);
    }
  }
}

function modelCode(random: Random, prefix: string): string {
  return prefix.endsWith(' ') ? `${prefix}${random.range(2, 9)}` : `${prefix}${random.range(1, 9) * 100}`;
}

/** Prices end in 9 the way shops price them: 89.9, 199, 2999. */
function pricePoint(raw: number): number {
  if (raw < 30) return Math.max(9.9, Math.round(raw) - 0.1);
  if (raw < 100) return Math.round(raw / 10) * 10 - 0.1;
  if (raw < 1000) return Math.round(raw / 10) * 10 - 1;
  return Math.round(raw / 100) * 100 - 1;
}

function sizeRange(random: Random, sizes: readonly string[]): string[] {
  const span = Math.min(sizes.length, random.range(3, 5));
  const start = random.int(sizes.length - span + 1);
  return sizes.slice(start, start + span);
}

function describeZh(
  brand: string,
  noun: Term,
  material: Term | undefined,
  colour: Term | undefined,
  sizes: string[] | undefined,
  pitch: Term,
): string {
  const parts = [`${brand} ${noun[0]}${material ? `，采用${material[0]}` : ''}。${pitch[0]}`];
  if (colour) parts.push(`颜色：${colour[0]}。`);
  if (sizes) parts.push(`尺码 ${sizes.join('/')} 可选。`);
  return parts.join('');
}

function describeEn(
  brand: string,
  noun: Term,
  material: Term | undefined,
  colour: Term | undefined,
  sizes: string[] | undefined,
  pitch: Term,
): string {
  const parts = [`${brand} ${noun[1]}${material ? ` in ${material[1]}` : ''}. ${pitch[1]}`];
  if (colour) parts.push(`Colour: ${colour[1]}.`);
  if (sizes) parts.push(`Sizes ${sizes.join('/')}.`);
  return parts.join(' ');
}

/** Title case for English titles: 'face cream' → 'Face Cream'. */
function cap(words: string): string {
  return words.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function isText(x: string | undefined): x is string {
  return x !== undefined && x.length > 0;
}

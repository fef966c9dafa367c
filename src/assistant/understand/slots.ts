/**
 * Slots of one message: catalogue terms from the gazetteer, price bounds, size, who it is for, season and
 * occasion, sort order and references to items shown before ("第二个", "the first one").
 */
import { normalizeText } from '../../text/index.js';
import type { CatalogueGazetteer } from './catalogue-gazetteer.js';
import { extractPrice } from './price-slot.js';

/** Sort orders a shopper can ask for. */
export type SlotSort = 'price_asc' | 'price_desc' | 'newest' | 'popularity';
/** Who the product is for. */
export type Audience = 'women' | 'men' | 'kids';

/** What one message says (every field optional). */
export interface Slots {
  /** Category path. */
  category?: string;
  /** Colour value as the catalogue stores it. */
  colour?: string;
  /** Size as sold ('M', '32'). */
  size?: string;
  /** Material value as stored. */
  material?: string;
  /** Brand as the catalogue writes it. */
  brand?: string;
  /** Minimum price, inclusive. */
  priceMin?: number;
  /** Maximum price, inclusive. */
  priceMax?: number;
  /** Who it is for. */
  audience?: Audience;
  /** 'summer' | 'winter'. */
  season?: string;
  /** An occasion ('office', 'date', 'wedding', 'travel', 'sport'). */
  occasion?: string;
  /** Requested order. */
  sort?: SlotSort;
  /** 0-based positions of items shown earlier that the message points at (-1 = the last one). */
  references?: number[];
}

const SORTS: ReadonlyArray<[RegExp, SlotSort]> = [
  [/最便宜|价格最低|最低价|cheapest|lowest price|least expensive/, 'price_asc'],
  [/最贵|价格最高|most expensive|priciest|highest price/, 'price_desc'],
  [/最新|新品|新款|newest|latest|new arrivals?/, 'newest'],
  [/热销|卖得最好|最火|销量|best[- ]?sell|most popular|popular|bestseller/, 'popularity'],
];
const AUDIENCES: ReadonlyArray<[RegExp, Audience]> = [
  [/童|孩子|儿子|女儿|宝宝|小孩|婴儿|\bkids?\b|child|\bson\b|daughter|\bbaby\b|toddler|boy\b|girl\b/, 'kids'],
  [/女士|女生|女朋友|老婆|妻子|妈妈|母亲|women|woman|ladies|\bwife\b|girlfriend|\bmom\b|mother|\bher\b/, 'women'],
  [/男士|男生|男朋友|老公|丈夫|爸爸|父亲|\bmen\b|\bman\b|husband|boyfriend|\bdad\b|father|\bhim\b/, 'men'],
];
const SEASONS: ReadonlyArray<[RegExp, string]> = [
  [/夏天|夏季|夏装|summer/, 'summer'],
  [/冬天|冬季|冬装|winter/, 'winter'],
];
const OCCASIONS: ReadonlyArray<[RegExp, string]> = [
  [/上班|通勤|办公|office|\bwork\b/, 'office'],
  [/约会|\bdate\b/, 'date'],
  [/婚礼|wedding/, 'wedding'],
  [/旅行|旅游|travel|trip/, 'travel'],
  [/健身|跑步|运动时|\bgym\b|workout|running/, 'sport'],
];
const ORDINALS: Record<string, number> = {
  一: 0,
  '1': 0,
  二: 1,
  两: 1,
  '2': 1,
  三: 2,
  '3': 2,
  四: 3,
  '4': 3,
  五: 4,
  '5': 4,
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
};
const REFERENCE_RE =
  /第\s*([一二三四五12345])\s*[个款件条双]?|\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b|(?:#|no\.?\s*|number\s+)([1-5])\b|(最后一[个款件]|the last one)/g;
const SIZE_RE =
  /(?:size|尺码|码数|尺寸|穿)\s*(xxl|xl|xs|s|m|l|\d{2})(?![a-z\d])|(?<![a-z\d])(xxl|xl|xs|s|m|l|\d{2})\s*(?:码|号)|(?<![a-z\d])(xxl|xl|xs)(?![a-z\d])/;

/** Reads every slot of a message against the store's gazetteer. */
export function extractSlots(message: string, gazetteer: CatalogueGazetteer): Slots {
  const text = normalizeText(message);
  const slots: Slots = {};
  const price = extractPrice(text);
  if (price) {
    if (price.min !== undefined) slots.priceMin = price.min;
    if (price.max !== undefined) slots.priceMax = price.max;
  }
  for (const m of gazetteer.scan(text)) {
    // The first mention of each kind wins: "红色和蓝色" keeps red (one colour filter at a time).
    if (m.kind === 'category') {
      // A leaf beats its department ("女装里的连衣裙" → 女装/连衣裙).
      if (!slots.category || m.value.startsWith(`${slots.category}/`)) slots.category = m.value;
    } else if (m.kind === 'brand') slots.brand ??= m.value;
    else if (m.kind === 'colour') slots.colour ??= m.value;
    else slots.material ??= m.value;
  }
  const size = SIZE_RE.exec(text);
  const sizeValue = size ? (size[1] ?? size[2] ?? size[3]) : undefined;
  if (sizeValue && gazetteer.sizes.has(sizeValue)) slots.size = sizeValue.toUpperCase();
  for (const [re, sort] of SORTS) {
    if (re.test(text)) {
      slots.sort = sort;
      break;
    }
  }
  for (const [re, audience] of AUDIENCES) {
    if (re.test(text)) {
      slots.audience = audience;
      break;
    }
  }
  for (const [re, season] of SEASONS) if (re.test(text)) slots.season ??= season;
  for (const [re, occasion] of OCCASIONS) if (re.test(text)) slots.occasion ??= occasion;
  const references: number[] = [];
  for (const m of text.matchAll(REFERENCE_RE)) {
    const key = m[1] ?? m[2] ?? m[3];
    const position = m[4] ? -1 : key !== undefined ? ORDINALS[key] : undefined;
    if (position !== undefined && !references.includes(position)) references.push(position);
  }
  if (references.length > 0) slots.references = references;
  return slots;
}

/**
 * The grounding check: every price, percentage, number, attribute value and claim in a text must trace to
 * the item or its reviews. Prices and percentages are checked first on the raw text; then the item's own
 * texts (title, brand, category, attribute values, tags) are masked as grounded; whatever fact-like is
 * left (a number, another colour or brand, praise of an aspect reviews do not praise, a status the tags
 * do not give, an absolute claim) is a problem.
 */
import type { ContentFacts } from '../facts/item-facts.js';
import { ASPECT_CLAIMS, OTHER_CLAIMS, type ClaimNeed } from './claim-lexicon.js';
import { GroundingVocabulary } from './grounding-vocabulary.js';
import { TermMatcher } from './term-matcher.js';

/** What a mention is. */
export type MentionType = 'fact' | 'price' | 'percent' | 'number' | 'attribute' | 'claim';

/** One fact-like span of the text and whether it is backed. */
export interface GroundingMention {
  type: MentionType;
  /** The span as written. */
  text: string;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  grounded: boolean;
  /** What backs it ('price', 'attributes.color', 'reviews.quality: 34 positive', …), or why not. */
  source: string;
}

/** The outcome of the check. */
export interface GroundingReport {
  /** True when every mention is grounded. */
  grounded: boolean;
  /** Fact-like spans in text order. */
  mentions: GroundingMention[];
  /** One line per ungrounded mention. */
  problems: string[];
}

const PRICE =
  /(?:CN¥|HK\$|US\$|RMB|CNY|USD|EUR|GBP|[¥￥$€£])\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?(?:元|块钱|块|yuan|RMB|CNY|USD|EUR|GBP|dollars?)(?![A-Za-z])/gi;
const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|％|percent|per cent)/gi;
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const EN_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  dozen: 12,
  half: 0.5,
};
const EN_NUMBER = new RegExp(`(?<![A-Za-z])(?:${Object.keys(EN_NUMBERS).join('|')})(?![A-Za-z])`, 'gi');
// Chinese numerals followed by a counter; 一 is left out (it is the article: 一款, 一件).
const ZH_NUMBER = /[两二三四五六七八九十百千万]+(?=[个种款色件天年月倍位条次星成名])/g;
const ZH_DIGITS: Record<string, number> = { 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a Chinese numeral such as 三, 十二, 两百, 三千五百. */
function zhValue(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : ch === '万' ? 10000 : 0;
    if (unit === 0) digit = ZH_DIGITS[ch] ?? 0;
    else if (unit === 10000) total = (total + digit) * unit || unit;
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

const toNumber = (s: string): number => Number(s.replace(/,/g, ''));

interface Prepared {
  quotes: TermMatcher;
  sources: Map<string, string>;
  numbers: number[];
  percents: number[];
}

const claimMatcher = new TermMatcher([...Object.values(ASPECT_CLAIMS).flat(), ...OTHER_CLAIMS.flatMap(([, t]) => t)]);
const claimNeeds = new Map<string, ClaimNeed>();
for (const [aspect, terms] of Object.entries(ASPECT_CLAIMS)) {
  for (const t of terms) claimNeeds.set(t.toLowerCase(), { kind: 'aspect', aspect });
}
for (const [need, terms] of OTHER_CLAIMS) for (const t of terms) claimNeeds.set(t.toLowerCase(), need);

const prepared = new WeakMap<ContentFacts, Prepared>();

function prepare(facts: ContentFacts): Prepared {
  const cached = prepared.get(facts);
  if (cached) return cached;
  const quotes = facts.quotable.map((q) => q.text);
  if (facts.priceText) quotes.push(facts.priceText);
  const numbers = new Set<number>();
  const add = (n: number | null | undefined) => typeof n === 'number' && Number.isFinite(n) && numbers.add(n);
  add(facts.price);
  if (facts.stock !== null && facts.stock > 0) add(facts.stock);
  add(facts.reviews.reviews);
  for (const a of facts.reviews.aspects) {
    add(a.positive);
    add(a.positive + a.negative);
  }
  for (const q of quotes) for (const m of q.matchAll(NUMBER)) add(toNumber(m[0]));
  const percents = facts.reviews.aspects
    .filter((a) => a.positive + a.negative > 0)
    .map((a) => (100 * a.positive) / (a.positive + a.negative));
  if (facts.reviews.positiveShare !== null && facts.reviews.reviews > 0)
    percents.push(100 * facts.reviews.positiveShare);
  const sources = new Map(facts.quotable.map((q) => [q.text.toLowerCase(), q.source]));
  if (facts.priceText) sources.set(facts.priceText.toLowerCase(), 'price');
  const p: Prepared = { quotes: new TermMatcher(quotes), sources, numbers: [...numbers], percents };
  prepared.set(facts, p);
  return p;
}

/** Checks one text against the item's facts; `vocabulary` adds the catalogue's values to the built-in colours and materials. */
export function checkGrounding(
  text: string,
  facts: ContentFacts,
  vocabulary: GroundingVocabulary = GroundingVocabulary.builtin(),
): GroundingReport {
  const p = prepare(facts);
  const mentions: GroundingMention[] = [];
  const masked = text.split('');
  const mask = (start: number, end: number) => masked.fill(' ', start, end);
  const free = (start: number, end: number) => masked.slice(start, end).every((c, i) => c === text[start + i]);
  const push = (type: MentionType, start: number, end: number, grounded: boolean, source: string) =>
    mentions.push({ type, text: text.slice(start, end), start, end, grounded, source });

  for (const m of text.matchAll(PRICE)) {
    const value = toNumber(m[1] ?? m[2] ?? '');
    const ok = facts.price !== null && Math.abs(value - facts.price) < 0.005;
    push(
      'price',
      m.index,
      m.index + m[0].length,
      ok,
      ok ? 'price' : `not the item's price (${facts.priceText ?? 'none'})`,
    );
    mask(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(PERCENT)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const value = Number(m[1]);
    const ok = p.percents.some((x) => Math.abs(x - value) <= 0.5);
    push('percent', m.index, m.index + m[0].length, ok, ok ? 'reviews: share of positive' : 'no review share is this');
    mask(m.index, m.index + m[0].length);
  }
  for (const m of p.quotes.find(masked.join(''))) {
    const source = p.sources.get(m.term.toLowerCase()) ?? 'item';
    push(source.startsWith('attributes.') ? 'attribute' : 'fact', m.start, m.end, true, source);
    mask(m.start, m.end);
  }
  const rest = masked.join('');
  const isNumber = (value: number) => p.numbers.some((x) => Math.abs(x - value) < 0.005);
  const numberMention = (start: number, end: number, value: number) =>
    push('number', start, end, isNumber(value), isNumber(value) ? 'item or review count' : 'not in the facts');
  for (const m of rest.matchAll(NUMBER)) numberMention(m.index, m.index + m[0].length, toNumber(m[0]));
  for (const m of rest.matchAll(EN_NUMBER))
    numberMention(m.index, m.index + m[0].length, EN_NUMBERS[m[0].toLowerCase()] ?? NaN);
  for (const m of rest.matchAll(ZH_NUMBER)) numberMention(m.index, m.index + m[0].length, zhValue(m[0]));
  for (const m of vocabulary.matcher.find(rest))
    push('attribute', m.start, m.end, false, 'not an attribute of this item');
  for (const m of claimMatcher.find(rest)) {
    const need = claimNeeds.get(m.term.toLowerCase());
    const [ok, source] = need ? backs(need, facts) : [false, 'unknown claim'];
    push('claim', m.start, m.end, ok, source);
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  const problems = mentions.filter((m) => !m.grounded).map((m) => `${m.type} "${m.text}": ${m.source}`);
  return { grounded: problems.length === 0, mentions, problems };
}

/** Whether the facts back a claim, and the source (or the reason it is not backed). */
function backs(need: ClaimNeed, facts: ContentFacts): [boolean, string] {
  switch (need.kind) {
    case 'aspect': {
      const a = facts.praised.find((x) => x.aspect === need.aspect);
      return a
        ? [true, `reviews.${a.aspect}: ${a.positive} positive`]
        : [false, `reviews do not praise ${need.aspect}`];
    }
    case 'reviews':
      return facts.reviews.reviews > 0 && (facts.praised.length > 0 || (facts.reviews.positiveShare ?? 0) >= 0.5)
        ? [true, `reviews: ${facts.reviews.reviews}`]
        : [false, 'no positive reviews'];
    case 'status':
      return facts.status[need.status] ? [true, `status.${need.status}`] : [false, `the item is not ${need.status}`];
    case 'never':
      return [false, 'an absolute claim no catalogue fact backs'];
  }
}

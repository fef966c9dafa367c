/**
 * Writes one candidate text of a kind from the facts with the locale's grammar: sentences are chosen by
 * the seeded stream, only from templates whose slots the facts fill, and added while the kind's limit holds.
 */
import type { Random } from '../../math/random.js';
import { MAX_CHARS, type ContentKind, type ContentLength, type ContentTone } from '../content-types.js';
import type { ContentFacts } from '../facts/item-facts.js';
import { EN_GRAMMAR } from '../grammar/en-grammar.js';
import type { LocaleGrammar } from '../grammar/locale-grammar.js';
import { ZH_GRAMMAR } from '../grammar/zh-grammar.js';
import { fillAll, fillTemplate, type Slots } from './fill-template.js';
import { pick, shuffled } from './seeded.js';

/** What one candidate is asked for. */
export interface ComposeOptions {
  kind: ContentKind;
  tone: ContentTone;
  length: ContentLength;
}

const DETAIL_KEYS = ['color', 'material', 'size', 'style'] as const;
const LEVEL: Record<ContentLength, number> = { short: 0, medium: 1, long: 2 };

/** The grammar of a locale. */
export function grammarFor(locale: ContentFacts['locale']): LocaleGrammar {
  return locale === 'zh' ? ZH_GRAMMAR : EN_GRAMMAR;
}

const count = (s: string) => [...s].length;

/** Slot values the facts give (aspect slots are added per sentence). */
export function baseSlots(facts: ContentFacts, g: LocaleGrammar): Record<string, string | undefined> {
  const attr = (key: string) => facts.attributes.find((a) => a.key === key || (key === 'color' && a.key === 'colour'));
  const specs = facts.attributes
    .filter((a) => g.attributeLabels[a.key] !== undefined)
    .map((a) => `${g.attributeLabels[a.key]}${facts.locale === 'en' ? ' ' : ''}${a.values.join('/')}`);
  const top = facts.praised.find((a) => g.aspects[a.aspect]);
  const share = facts.reviews.positiveShare;
  return {
    name: facts.name,
    noun: facts.noun ? (facts.locale === 'en' ? facts.noun.toLowerCase() : facts.noun) : undefined,
    brand: facts.brand ?? undefined,
    colour: attr('color')?.values.join(g.listJoin),
    material: attr('material')?.values.join(g.listJoin),
    style: attr('style')?.values[0],
    sizes: attr('size')?.values.join('/'),
    specs: specs.length > 0 ? specs.join(g.listJoin) : undefined,
    price: facts.priceText ?? undefined,
    reviews: facts.reviews.reviews > 0 ? String(facts.reviews.reviews) : undefined,
    // Copy states the share of positive reviews only when it is a majority: it is praise, not a report.
    share: share !== null && share >= 0.5 && facts.reviews.reviews > 0 ? String(Math.round(share * 100)) : undefined,
    top: top ? g.aspects[top.aspect]?.praise : undefined,
    praise: top ? g.aspects[top.aspect]?.praise : undefined,
    label: top ? g.aspects[top.aspect]?.label : undefined,
    n: top ? String(top.positive) : undefined,
  };
}

/** Slots for a sentence about one praised aspect. */
function aspectSlots(base: Slots, g: LocaleGrammar, aspect: ContentFacts['praised'][number]): Slots {
  const words = g.aspects[aspect.aspect];
  return words ? { ...base, praise: words.praise, label: words.label, n: String(aspect.positive) } : base;
}

/** Picks one line-sized text: short picks among the shorter fillings, long among the longer. */
function oneLine(
  random: Random,
  templates: readonly string[],
  slots: Slots,
  max: number,
  length: ContentLength,
): string | null {
  const fits = [...new Set(fillAll(templates, slots))]
    .filter((t) => count(t) <= max)
    .sort((a, b) => count(a) - count(b));
  if (fits.length === 0) return null;
  const half = Math.ceil(fits.length / 2);
  const pool = length === 'short' ? fits.slice(0, half) : length === 'long' ? fits.slice(fits.length - half) : fits;
  return pick(random, pool) ?? null;
}

/** Sentences in the order a description reads, as many as the length asks for. */
function sentences(random: Random, facts: ContentFacts, g: LocaleGrammar, slots: Slots, o: ComposeOptions): string[] {
  const level = LEVEL[o.length] - (o.tone === 'concise' ? 1 : 0);
  const one = (templates: readonly string[], s: Slots = slots) => pick(random, fillAll(templates, s));
  const out: (string | undefined)[] = [one(g.opener[o.tone])];
  const details = shuffled(
    random,
    DETAIL_KEYS.filter((k) => slots[k === 'color' ? 'colour' : k === 'size' ? 'sizes' : k]),
  );
  for (const key of details.slice(0, Math.max(1, level + 1))) out.push(one(g.detail[key] ?? []));
  if (level >= 1 && slots.specs) out.push(one(g.detail.specs ?? []));
  const praised = facts.praised.filter((a) => g.aspects[a.aspect]).slice(0, Math.max(1, level + 1));
  for (const a of praised) out.push(one(g.aspect[o.tone], aspectSlots(slots, g, a)));
  if (level >= 1 && random() < 0.5) out.push(one(g.share));
  const status = (Object.keys(g.status) as (keyof LocaleGrammar['status'])[]).filter((k) => facts.status[k]);
  for (const k of status.slice(0, level)) out.push(one(g.status[k]));
  if (level >= 0) out.push(one(g.price[o.tone]));
  if (level >= 1 || o.tone === 'playful') out.push(one(g.closer[o.tone]));
  return out.filter((s): s is string => s !== undefined);
}

/** Adds sentences in order while the text stays within `max` characters (the first always). */
function within(parts: readonly string[], join: string, max: number): string {
  let text = '';
  for (const p of parts) {
    const next = text ? `${text}${join}${p}` : p;
    if (count(next) > max) continue;
    text = next;
  }
  return text;
}

function sellingPoints(random: Random, facts: ContentFacts, g: LocaleGrammar, slots: Slots, o: ComposeOptions): string {
  const strip = (s: string | undefined) => s?.replace(/[。.！!]$/, '');
  const points: (string | undefined)[] = [];
  for (const a of facts.praised.filter((x) => g.aspects[x.aspect])) {
    points.push(pick(random, fillAll(g.point.aspect, aspectSlots(slots, g, a))));
  }
  for (const key of shuffled(random, [...DETAIL_KEYS, 'specs']))
    points.push(strip(pick(random, fillAll(g.detail[key] ?? [], slots))));
  if (random() < 0.5) points.push(pick(random, fillAll(g.point.share, slots)));
  points.push(pick(random, fillAll(g.point.price, slots)));
  const wanted = 3 + LEVEL[o.length];
  const chosen = points.filter((s): s is string => s !== undefined).slice(0, wanted);
  return within(
    chosen.map((p) => `${g.bullet}${p}`),
    '\n',
    MAX_CHARS.selling_points,
  );
}

function hashtags(slots: Slots): string {
  const tag = (s: string | undefined) => (s ? `#${s.replace(/[\s&'’.,:;!?/|-]+/g, '')}` : undefined);
  return [tag(slots.brand), tag(slots.noun)].filter((t): t is string => t !== undefined && t.length > 1).join(' ');
}

/** One candidate text, or null when the facts cannot fill any template of the kind. */
export function composeCopy(random: Random, facts: ContentFacts, o: ComposeOptions): string | null {
  const g = grammarFor(facts.locale);
  const slots = baseSlots(facts, g);
  const max = MAX_CHARS[o.kind];
  switch (o.kind) {
    case 'title':
      return oneLine(random, g.title[o.tone], slots, max, o.length);
    case 'seo_title':
      return oneLine(random, g.seoTitle, slots, max, o.length);
    case 'email_subject':
      return oneLine(random, g.email[o.tone], slots, facts.locale === 'zh' ? 40 : max, o.length);
    case 'push':
      return oneLine(random, g.push[o.tone], slots, facts.locale === 'zh' ? 60 : max, o.length);
    case 'description':
      return within(sentences(random, facts, g, slots, o), g.sentenceJoin, max) || null;
    case 'seo_description':
      return within(sentences(random, facts, g, slots, { ...o, tone: 'concise' }), g.sentenceJoin, max) || null;
    case 'selling_points':
      return sellingPoints(random, facts, g, slots, o) || null;
    case 'social': {
      const opener = fillTemplate(pick(random, g.social[o.tone]) ?? '', slots) ?? fillAll(g.social.concise, slots)[0];
      const body = sentences(random, facts, g, slots, o).slice(1, 2 + LEVEL[o.length]);
      const text = within([opener ?? '', ...body].filter(Boolean), g.sentenceJoin, max - 40);
      return text ? `${text}\n${hashtags(slots)}`.trim() : null;
    }
  }
}

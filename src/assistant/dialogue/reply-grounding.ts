/**
 * The grounding check on what a model writes for the assistant: every number (prices, days, percentages),
 * every catalogue term (category, brand, colour, material), every policy word and every quoted name in the
 * reply must appear in the evidence — the tool results, catalogue facts, FAQ passages and the built-in reply
 * the model was given. The shopper's own words are not evidence: "a red one for ¥180" is only grounded
 * when the catalogue says so.
 */
import { normalizeText } from '../../text/index.js';
import type { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';
import { chineseNumberValue } from '../understand/chinese-numbers.js';

/** The outcome: grounded, or the mentions nothing backs. */
export interface ReplyGrounding {
  grounded: boolean;
  /** One line per unbacked mention. */
  problems: string[];
}

const NUMBER_RE = /\d[\d,]*(?:\.\d+)?/g;
const ZH_NUMBER_RE = /[零〇一二两三四五六七八九十百千万]+/g;
// A count ("3 options", "两件") may be the model's own; a number with a unit, currency or percent may not.
const UNIT_AFTER_RE = /^\s?(?:%|％|天|日|小时|个月|月|年|周|元|块|折|days?|hours?|weeks?|months?|years?|percent|yuan)/i;
const CURRENCY_BEFORE_RE = /(?:[¥￥$€£]|RMB|CNY)\s?$/i;
const SMALL_COUNT = 5;

/** Words that state a shop policy or promise: each must be in the evidence too. */
const POLICY_TERMS = [
  '包邮',
  '免运费',
  '运费',
  '退款',
  '退货',
  '换货',
  '无理由',
  '保修',
  '质保',
  '保证',
  '正品',
  '货到付款',
  '分期',
  '优惠券',
  '折扣',
  '打折',
  '促销',
  '赠品',
  '次日达',
  '当天发货',
  '包退',
  'free shipping',
  'free delivery',
  'shipping fee',
  'refund',
  'returns',
  'return policy',
  'exchange',
  'warranty',
  'guarantee',
  'authentic',
  'cash on delivery',
  'installment',
  'coupon',
  'discount',
  'on sale',
  'free gift',
  'next-day',
  'same-day',
];
const QUOTED_RE = /[「《“"]([^」》”"]{2,80})[」》”"]/g;

/** Numeric values written in a text: digits, and Chinese numerals. */
function numbersIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(NUMBER_RE)) out.add(Number(m[0].replace(/,/g, '')));
  for (const m of text.matchAll(ZH_NUMBER_RE)) {
    const v = chineseNumberValue(m[0]);
    if (v !== undefined) out.add(v);
  }
  return out;
}

/** Evidence the replies of one turn are checked against, prepared once. */
export class ReplyEvidence {
  private readonly text: string;
  private readonly numbers: Set<number>;

  constructor(evidence: readonly string[]) {
    const raw = evidence.join('\n');
    this.text = normalizeText(raw);
    this.numbers = numbersIn(raw);
  }

  /** Whether the evidence contains a (normalised) phrase. */
  has(phrase: string): boolean {
    const p = normalizeText(phrase);
    return p.length > 0 && this.text.includes(p);
  }

  /** Whether the evidence contains this number. */
  hasNumber(value: number): boolean {
    return this.numbers.has(value);
  }
}

/** Checks a reply (or the part of it written so far) against the evidence. */
export function checkReplyGrounding(
  reply: string,
  evidence: ReplyEvidence,
  gazetteer: CatalogueGazetteer,
): ReplyGrounding {
  const problems: string[] = [];
  for (const m of reply.matchAll(NUMBER_RE)) {
    const value = Number(m[0].replace(/,/g, ''));
    if (evidence.hasNumber(value)) continue;
    const after = reply.slice(m.index + m[0].length, m.index + m[0].length + 8);
    const before = reply.slice(Math.max(0, m.index - 4), m.index);
    const bare = !UNIT_AFTER_RE.test(after) && !CURRENCY_BEFORE_RE.test(before) && !m[0].includes('.');
    if (bare && Number.isInteger(value) && value >= 1 && value <= SMALL_COUNT) continue;
    problems.push(`number ${m[0]} is not in the facts`);
  }
  for (const m of reply.matchAll(ZH_NUMBER_RE)) {
    const value = chineseNumberValue(m[0]);
    // "一" is mostly the article (一款, 一件); small counts may be the model's own.
    if (value === undefined || value <= SMALL_COUNT || evidence.hasNumber(value)) continue;
    problems.push(`number ${m[0]} is not in the facts`);
  }
  for (const term of gazetteer.scan(normalizeText(reply))) {
    if (!evidence.has(term.surface) && !evidence.has(term.value)) problems.push(`${term.kind} "${term.surface}"`);
  }
  const lower = reply.toLowerCase();
  for (const term of POLICY_TERMS) {
    if (lower.includes(term) && !evidence.has(term)) problems.push(`policy "${term}" is not in the facts`);
  }
  for (const m of reply.matchAll(QUOTED_RE)) {
    if (!evidence.has(m[1]!)) problems.push(`"${m[1]}" is not in the facts`);
  }
  return { grounded: problems.length === 0, problems };
}

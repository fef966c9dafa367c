/**
 * Price conditions in a chat message: "200元以内", "两百块左右", "100到300", "under $50", "between 20 and 40",
 * "around 200", "300以上". In a shopping chat a bare number range is a price, unlike in a search box.
 */
import { digitizeChineseNumbers } from './chinese-numbers.js';

/** Price bounds read from a message, and the span they came from (to leave the rest for other slots). */
export interface PriceSlot {
  /** Minimum price, inclusive. */
  min?: number;
  /** Maximum price, inclusive. */
  max?: number;
  /** The matched text (in the digitised message). */
  matched: string;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const CUR = '(?:元|块钱|块|rmb|yuan|cny|dollars?|bucks|usd)';
const PRE = '(?:[$¥￥]\\s*)?';
/** "Around" widens to ±20 %: a shopper saying 两百块左右 accepts 160–240. */
const AROUND = 0.2;

interface Rule {
  re: RegExp;
  apply: (m: RegExpExecArray) => { min?: number; max?: number };
}
const n = (s: string | undefined): number => Number(s);
const around = (v: number): { min: number; max: number } => ({
  min: Math.floor(v * (1 - AROUND)),
  max: Math.ceil(v * (1 + AROUND)),
});

const RULES: Rule[] = [
  {
    re: new RegExp(`(?:between|from)\\s*${PRE}${NUM}\\s*${CUR}?\\s*(?:and|to|-)\\s*${PRE}${NUM}\\s*${CUR}?`, 'i'),
    apply: (m) => ({ min: n(m[1]), max: n(m[2]) }),
  },
  {
    re: new RegExp(`${PRE}${NUM}\\s*${CUR}?\\s*(?:-|~|到|至|to)\\s*${PRE}${NUM}\\s*${CUR}?`, 'i'),
    apply: (m) => ({ min: n(m[1]), max: n(m[2]) }),
  },
  { re: new RegExp(`${PRE}${NUM}\\s*${CUR}?\\s*(?:左右|上下)`, 'i'), apply: (m) => around(n(m[1])) },
  {
    re: new RegExp(`(?:around|about|roughly|approximately|大概|大约|差不多)\\s*${PRE}${NUM}\\s*${CUR}?`, 'i'),
    apply: (m) => around(n(m[1])),
  },
  {
    re: new RegExp(`${PRE}${NUM}\\s*${CUR}?\\s*(?:以内|以下|之内|之下|内|or less|and under|max)`, 'i'),
    apply: (m) => ({ max: n(m[1]) }),
  },
  {
    re: new RegExp(
      `(?:under|below|less than|no more than|at most|cheaper than|within|up to|低于|少于|不超过|不到|小于|不高于|最多|预算)\\s*${PRE}${NUM}\\s*${CUR}?`,
      'i',
    ),
    apply: (m) => ({ max: n(m[1]) }),
  },
  {
    re: new RegExp(`${PRE}${NUM}\\s*${CUR}?\\s*(?:以上|起|or more|and up|plus)`, 'i'),
    apply: (m) => ({ min: n(m[1]) }),
  },
  {
    re: new RegExp(`(?:over|above|more than|at least|高于|大于|超过|多于|不低于|至少)\\s*${PRE}${NUM}\\s*${CUR}?`, 'i'),
    apply: (m) => ({ min: n(m[1]) }),
  },
];

/** The first price condition in a message (Chinese numerals included), or undefined. */
export function extractPrice(message: string): PriceSlot | undefined {
  const text = digitizeChineseNumbers(message.toLowerCase());
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (!m) continue;
    const bounds = rule.apply(m);
    if (
      (bounds.min !== undefined && !Number.isFinite(bounds.min)) ||
      (bounds.max !== undefined && !Number.isFinite(bounds.max))
    )
      continue;
    if (bounds.min !== undefined && bounds.max !== undefined && bounds.min > bounds.max) {
      [bounds.min, bounds.max] = [bounds.max, bounds.min];
    }
    return { ...bounds, matched: m[0] };
  }
  return undefined;
}

/** Extracts price conditions written in a query ("200元以内", "under $50") and returns the rest of the query. */

/** A query with its price words taken out. */
export interface PriceQuery {
  /** The query without the price phrase. */
  text: string;
  /** Minimum price, inclusive. */
  priceMin?: number;
  /** Maximum price, inclusive. */
  priceMax?: number;
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const CNY = '(?:元|块钱|块|\\s*(?:rmb|yuan|cny)|¥|￥)';
// English forms need a currency mark: "under 30 in" is a size, "under $30", "under ¥30" and "under 30 yuan" are prices.
const CUR_PRE = '(?:\\$|¥|usd\\s*|rmb\\s*|cny\\s*)';
const CUR_POST = '(?:\\s*(?:dollars?|usd|bucks|yuan|rmb|cny|元|块))';

interface Pattern {
  re: RegExp;
  apply: (m: RegExpExecArray) => { min?: number; max?: number };
}

const n = (s: string | undefined): number => Number(s);

const PATTERNS: Pattern[] = [
  {
    re: new RegExp(`${NUM}\\s*${CNY}?\\s*(?:-|~|到|至)\\s*${NUM}\\s*${CNY}`),
    apply: (m) => ({ min: n(m[1]), max: n(m[2]) }),
  },
  { re: new RegExp(`${NUM}\\s*${CNY}?\\s*(?:以内|以下|之内|之下|内)`), apply: (m) => ({ max: n(m[1]) }) },
  {
    re: new RegExp(`(?:低于|少于|不超过|不到|小于|不高于|最多)\\s*${NUM}\\s*${CNY}?`),
    apply: (m) => ({ max: n(m[1]) }),
  },
  { re: new RegExp(`${NUM}\\s*${CNY}?\\s*(?:以上|起)`), apply: (m) => ({ min: n(m[1]) }) },
  { re: new RegExp(`(?:高于|大于|超过|多于|不低于|至少)\\s*${NUM}\\s*${CNY}?`), apply: (m) => ({ min: n(m[1]) }) },
  {
    re: new RegExp(`between\\s+${CUR_PRE}${NUM}\\s+and\\s+${CUR_PRE}?${NUM}${CUR_POST}?`),
    apply: (m) => ({ min: n(m[1]), max: n(m[2]) }),
  },
  {
    re: new RegExp(`${CUR_PRE}${NUM}\\s*(?:-|to)\\s*${CUR_PRE}?${NUM}`),
    apply: (m) => ({ min: n(m[1]), max: n(m[2]) }),
  },
  {
    re: new RegExp(
      `(?:under|below|less than|cheaper than|up to|max|within|<=?)\\s*(?:${CUR_PRE}${NUM}|${NUM}${CUR_POST})`,
    ),
    apply: (m) => ({ max: n(m[1] ?? m[2]) }),
  },
  {
    re: new RegExp(`(?:over|above|more than|at least|from|min|>=?)\\s*(?:${CUR_PRE}${NUM}|${NUM}${CUR_POST})`),
    apply: (m) => ({ min: n(m[1] ?? m[2]) }),
  },
];

/** Parses price phrases out of a normalised query (see normalizeText); at most one bound of each kind is kept. */
export function parsePriceQuery(query: string): PriceQuery {
  let text = query;
  const out: PriceQuery = { text };
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const { min, max } = p.apply(m);
    if (min !== undefined && Number.isFinite(min) && out.priceMin === undefined) out.priceMin = min;
    if (max !== undefined && Number.isFinite(max) && out.priceMax === undefined) out.priceMax = max;
    text = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
  }
  out.text = text;
  return out;
}

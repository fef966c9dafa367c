/** Merchandising rules per query: pin items to the top, boost, bury or hide them. */
import { normalizeText } from '../../text/normalize.js';
import type { SearchDocument } from '../search-document.js';

/** A boost or bury: which items, and the score multiplier (>1 boosts, <1 buries). */
export interface RuleAdjustment {
  /** Item ids. */
  ids?: readonly string[];
  /** Items of this brand (case-insensitive). */
  brand?: string;
  /** Items under this category path. */
  category?: string;
  /** Score multiplier. */
  factor: number;
}

/** A rule that applies when the query matches. */
export interface MerchandisingRule {
  /** The query it applies to (normalised before comparison). */
  query: string;
  /** 'exact' (default) compares the whole query; 'contains' matches when the query contains it as words. */
  match?: 'exact' | 'contains';
  /** Item ids placed first, in this order (if they exist and are not filtered out). */
  pin?: readonly string[];
  /** Score multipliers. */
  adjust?: readonly RuleAdjustment[];
  /** Item ids never shown for this query. */
  hide?: readonly string[];
}

/** The rules that apply to one query, merged. */
export interface ActiveRules {
  /** Ids pinned, in order. */
  pin: string[];
  /** Ids hidden. */
  hide: Set<string>;
  /** Score multipliers. */
  adjust: RuleAdjustment[];
}

const norm = (q: string): string => normalizeText(q).replace(/\s+/g, ' ').trim();

/** Rules matching a query, merged in order. */
export function activeRules(rules: readonly MerchandisingRule[], query: string): ActiveRules | null {
  if (rules.length === 0) return null;
  const q = norm(query);
  const padded = ` ${q} `;
  const out: ActiveRules = { pin: [], hide: new Set(), adjust: [] };
  let any = false;
  for (const r of rules) {
    const rq = norm(r.query);
    const hit = (r.match ?? 'exact') === 'exact' ? rq === q : rq.length > 0 && padded.includes(` ${rq} `);
    if (!hit) continue;
    any = true;
    for (const id of r.pin ?? []) if (!out.pin.includes(id)) out.pin.push(id);
    for (const id of r.hide ?? []) out.hide.add(id);
    out.adjust.push(...(r.adjust ?? []));
  }
  return any ? out : null;
}

/** The product of the multipliers that apply to a document. */
export function ruleFactor(rules: ActiveRules, doc: SearchDocument): number {
  let f = 1;
  for (const a of rules.adjust) {
    const hit =
      (a.ids?.includes(doc.id) ?? false) ||
      (a.brand !== undefined && doc.brand?.toLowerCase() === a.brand.toLowerCase()) ||
      (a.category !== undefined &&
        doc.category !== undefined &&
        (doc.category.toLowerCase() + '/').startsWith(a.category.toLowerCase().replace(/\/+$/, '') + '/'));
    if (hit) f *= a.factor;
  }
  return f;
}

/** The largest factor {@link ruleFactor} can give a document; Infinity when a factor is negative or not finite. */
export function ruleFactorBound(rules: ActiveRules): number {
  let f = 1;
  for (const a of rules.adjust) {
    if (!(a.factor >= 0) || !Number.isFinite(a.factor)) return Infinity;
    f *= Math.max(1, a.factor);
  }
  return f;
}

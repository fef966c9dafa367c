/**
 * Word lists built from the store's own catalogue — category names (Chinese path and English translation),
 * brands, colours, materials and sizes from item attributes — plus a few built-in synonyms, and the
 * longest-match scanner that finds them in a message. Nothing here is specific to the demo store.
 */
import { normalizeText } from '../../text/index.js';

/** What the gazetteer is built from: the parts of items it reads. */
export interface GazetteerItem {
  /** Category path in the catalogue's main language ('女装/连衣裙'). */
  category?: string | null;
  /** Brand. */
  brand?: string | null;
  /** Attributes: color/color_en, material/material_en, size (value or list). */
  attributes?: Record<string, unknown> | null;
  /** Translations; `en.category` gives the English path ('Women/Dresses'). */
  translations?: Record<string, { category?: string | null } | undefined> | null;
}

/** Kinds of catalogue terms. */
export type TermKind = 'category' | 'brand' | 'colour' | 'material';

/** One recognised term: its kind, the canonical value a filter uses, and where it was found. */
export interface TermMatch {
  /** Which slot. */
  kind: TermKind;
  /** The canonical value: a category path, a brand as the catalogue writes it, a colour or material as stored. */
  value: string;
  /** The matched text (normalised). */
  surface: string;
  /** Start offset in the normalised message. */
  start: number;
  /** End offset (exclusive). */
  end: number;
}

interface Term {
  kind: TermKind;
  value: string;
  surface: string;
  latin: boolean;
  re?: RegExp;
}

/** Everyday words for category names (mapped to a leaf name as the catalogue writes it, zh or en). */
const CATEGORY_SYNONYMS: ReadonlyArray<[string, string]> = [
  ['裙子', '连衣裙'],
  ['sneakers', 'running shoes'],
  ['trainers', 'running shoes'],
  ['跑步鞋', '跑鞋'],
  ['运动鞋', '跑鞋'],
  ['earphones', 'headphones'],
  ['earbuds', 'headphones'],
  ['耳麦', '耳机'],
  ['phone case', 'phone cases'],
  ['手表', '智能手表'],
  ['smart watch', 'smartwatches'],
  ['smartwatch', 'smartwatches'],
  ['kids clothes', "kids' clothing"],
  ['children clothes', "kids' clothing"],
  ['kids clothing', "kids' clothing"],
  ['儿童衣服', '童装'],
  ['童衣', '童装'],
  ['jacket', 'jackets'],
  ['down jacket', 'down jackets'],
  ['puffer', 'down jackets'],
  ['skirt', 'skirts'],
  ['t-shirt', 'tops'],
  ['shirt', 'shirts'],
  ['hoodie', 'hoodies'],
  ['lipstick', 'lipstick'],
  ['moisturiser', 'face cream'],
  ['moisturizer', 'face cream'],
  ['mask', 'face masks'],
  ['外套', '夹克'],
  ['裤子', '牛仔裤'],
  ['diaper', 'diapers'],
  ['nappies', 'diapers'],
  ['toy', 'toys'],
  ['lamp', 'lighting'],
  ['灯', '灯具'],
  ['charger', 'chargers'],
  ['手机套', '手机壳'],
];
const COLOUR_SYNONYMS: ReadonlyArray<[string, string]> = [
  ['gray', 'grey'],
  ['红', '红色'],
  ['黑', '黑色'],
  ['白', '白色'],
  ['蓝', '蓝色'],
  ['灰', '灰色'],
  ['粉', '粉色'],
  ['绿', '绿色'],
  ['黄', '黄色'],
  ['紫', '紫色'],
  ['藏青', '藏青色'],
  ['米白', '米色'],
  ['卡其', '卡其色'],
  ['银', '银色'],
  ['金', '金色'],
  ['橙', '橙色'],
  ['棕', '棕色'],
  ['咖啡色', '棕色'],
];

const LATIN_RE = /^[\p{Script=Latin}\d\s'&.-]+$/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function singular(word: string): string {
  if (/(?:ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function latinPattern(surface: string): RegExp {
  // Plural and singular both match: "dress" finds "dresses", "dresses" finds "dress".
  const words = surface.split(/\s+/).map((w) => singular(w));
  const last = words.pop() ?? '';
  const body = [...words.map(escape), `${escape(last)}(?:s|es)?`].join('\\s+');
  // Only Latin letters and digits bound a word: Chinese runs straight on ("lumiere的裙子").
  return new RegExp(`(?<![\\p{Script=Latin}\\d])${body}(?![\\p{Script=Latin}\\d])`, 'gu');
}

const stringValues = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/** Catalogue vocabulary and the scanner over it. */
export class CatalogueGazetteer {
  private readonly terms: Term[];
  /**
   * Term positions in `terms` by the first code unit of what they match (a surface's first character; for a
   * Latin pattern, that of its singular first word, which has the same first character), so a scan tries only
   * the terms that can start somewhere in the message, in the same longest-first order.
   */
  private readonly byFirst = new Map<string, number[]>();
  /** Sizes sold in the store (normalised), for size slots. */
  readonly sizes: ReadonlySet<string>;
  /** Category paths known to the store. */
  readonly categories: ReadonlySet<string>;
  /** English path of each category path (for replies in English). */
  readonly categoryEnglish: ReadonlyMap<string, string>;
  /** English name of each colour value (for replies in English). */
  readonly colourEnglish: ReadonlyMap<string, string>;

  private constructor(
    terms: Term[],
    sizes: Set<string>,
    categories: Map<string, string>,
    colours: Map<string, string>,
  ) {
    // Longest first, so "藏青色" wins over "青" and "running shoes" over "shoes".
    this.terms = terms.sort((a, b) => b.surface.length - a.surface.length || a.surface.localeCompare(b.surface));
    this.terms.forEach((term, i) => {
      const first = term.surface[0]!;
      const list = this.byFirst.get(first);
      if (list) list.push(i);
      else this.byFirst.set(first, [i]);
    });
    this.sizes = sizes;
    this.categories = new Set(categories.keys());
    this.categoryEnglish = categories;
    this.colourEnglish = colours;
  }

  /** Builds the vocabulary from the store's items. */
  static fromItems(items: Iterable<GazetteerItem>): CatalogueGazetteer {
    const byKey = new Map<string, Term>();
    // Most items repeat a brand, colour or material already seen: skip them before normalising.
    const seen = new Set<string>();
    const add = (kind: TermKind, surfaceRaw: string, value: string): void => {
      const raw = `${kind}\u0000${surfaceRaw}\u0000${value}`;
      if (seen.has(raw)) return;
      seen.add(raw);
      const surface = normalizeText(surfaceRaw).trim();
      if (surface.length === 0) return;
      const key = `${kind}\u0000${surface}`;
      if (byKey.has(key)) return;
      const latin = LATIN_RE.test(surface);
      byKey.set(key, { kind, value, surface, latin, ...(latin ? { re: latinPattern(surface) } : {}) });
    };
    const sizes = new Set<string>();
    const categories = new Map<string, string>();
    const colours = new Map<string, string>();
    const leafToPath = new Map<string, string>();
    for (const item of items) {
      const path = item.category ?? undefined;
      const enPath = item.translations?.en?.category ?? undefined;
      if (path && !categories.has(path)) {
        const zh = path.split('/');
        const en = enPath ? enPath.split('/') : [];
        categories.set(path, enPath ?? path);
        zh.forEach((name, depth) => {
          const prefix = zh.slice(0, depth + 1).join('/');
          if (!categories.has(prefix)) categories.set(prefix, en.slice(0, depth + 1).join('/') || prefix);
          add('category', name, prefix);
          leafToPath.set(normalizeText(name), prefix);
          const english = en[depth];
          if (english) {
            add('category', english, prefix);
            leafToPath.set(normalizeText(english), prefix);
          }
        });
      }
      if (item.brand) add('brand', item.brand, item.brand);
      const attrs = item.attributes ?? {};
      const colour = stringValues(attrs.color)[0];
      if (colour) {
        add('colour', colour, colour);
        const en = stringValues(attrs.color_en)[0];
        if (en) {
          add('colour', en, colour);
          colours.set(colour, en);
        }
      }
      const material = stringValues(attrs.material)[0];
      if (material) {
        add('material', material, material);
        const en = stringValues(attrs.material_en)[0];
        if (en) add('material', en, material);
      }
      for (const s of stringValues(attrs.size)) {
        if (seen.has(`size\u0000${s}`)) continue;
        seen.add(`size\u0000${s}`);
        sizes.add(normalizeText(s));
      }
    }
    for (const [word, target] of CATEGORY_SYNONYMS) {
      const path = leafToPath.get(normalizeText(target));
      if (path) add('category', word, path);
    }
    const colourBySurface = new Map(
      [...byKey.values()].filter((t) => t.kind === 'colour').map((t) => [t.surface, t.value]),
    );
    for (const [word, target] of COLOUR_SYNONYMS) {
      const value = colourBySurface.get(normalizeText(target));
      if (value) add('colour', word, value);
    }
    return new CatalogueGazetteer([...byKey.values()], sizes, categories, colours);
  }

  /** Catalogue terms in a normalised message, longest first, never overlapping. */
  scan(normalized: string): TermMatch[] {
    // Only the terms whose first character occurs in the message, in the terms' order (a message is short).
    const candidates: number[] = [];
    const chars = new Set<string>();
    for (let i = 0; i < normalized.length; i++) {
      const c = normalized[i]!;
      if (chars.has(c)) continue;
      chars.add(c);
      const list = this.byFirst.get(c);
      if (list) for (const t of list) candidates.push(t);
    }
    candidates.sort((a, b) => a - b);
    return this.scanTerms(normalized, candidates);
  }

  /** {@link scan} trying every term: the reference the indexed scan is tested against. */
  scanEveryTerm(normalized: string): TermMatch[] {
    return this.scanTerms(
      normalized,
      this.terms.map((_, i) => i),
    );
  }

  private scanTerms(normalized: string, order: readonly number[]): TermMatch[] {
    const taken = new Uint8Array(normalized.length);
    const out: TermMatch[] = [];
    const free = (start: number, end: number): boolean => {
      for (let i = start; i < end; i++) if (taken[i]) return false;
      return true;
    };
    const claim = (term: Term, start: number, end: number): void => {
      taken.fill(1, start, end);
      out.push({ kind: term.kind, value: term.value, surface: normalized.slice(start, end), start, end });
    };
    for (const t of order) {
      const term = this.terms[t]!;
      if (term.re) {
        term.re.lastIndex = 0;
        for (const m of normalized.matchAll(term.re)) {
          if (free(m.index, m.index + m[0].length)) claim(term, m.index, m.index + m[0].length);
        }
        continue;
      }
      let at = normalized.indexOf(term.surface);
      while (at >= 0) {
        if (free(at, at + term.surface.length)) claim(term, at, at + term.surface.length);
        at = normalized.indexOf(term.surface, at + term.surface.length);
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }
}

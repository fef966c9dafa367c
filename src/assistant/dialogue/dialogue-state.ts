/**
 * Multi-turn dialogue state and how each message changes it: a new product request starts fresh
 * constraints, a refinement keeps the earlier ones ("cheaper" lowers the price ceiling below what was
 * shown, "换个颜色" excludes the colours shown, "more" skips what was shown).
 */
import type { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';
import type { Slots } from '../understand/slots.js';

/** The product constraints in effect. */
export type Constraints = Omit<Slots, 'references'>;

/** What a session remembers between turns. */
export interface DialogueState {
  /** Constraints the shopper has stated so far. */
  constraints: Constraints;
  /** Colours the shopper asked to move away from. */
  excludeColours: string[];
  /** Items already shown in this line of search, to skip on "more". */
  skip: string[];
  /** Items shown in the last product answer, in order (references point here). */
  shown: Array<{ id: string; price: number | null }>;
  /** Reply language. */
  locale: 'zh' | 'en';
  /** Turns so far. */
  turns: number;
}

/** A fresh state. */
export function initialState(locale: 'zh' | 'en'): DialogueState {
  return { constraints: {}, excludeColours: [], skip: [], shown: [], locale, turns: 0 };
}

const CHEAPER_RE = /便宜|实惠|划算点|cheaper|less expensive|lower price|budget/;
const PRICIER_RE = /贵一点|贵点|高档|好一点的|pricier|more expensive|upmarket|premium|higher end/;
const OTHER_COLOUR_RE =
  /换个颜色|换种颜色|别的颜色|其他颜色|不要这个颜色|different colou?r|other colou?rs?|another colou?r/;
const MORE_RE = /换一批|还有别的|还有吗|更多|more options|show me more|anything else|other ones|\bmore\b/;

/** Which department an audience implies, when the store has it and no category was named. */
function audienceCategory(audience: Slots['audience'], gazetteer: CatalogueGazetteer): string | undefined {
  const wanted: Record<string, readonly string[]> = {
    kids: ['母婴/童装', '童装', 'Kids'],
    women: ['女装', 'Women'],
    men: ['男装', 'Men'],
  };
  return audience ? wanted[audience]?.find((c) => gazetteer.categories.has(c)) : undefined;
}

function productSlots(slots: Slots): Constraints {
  const { references: _references, ...rest } = slots;
  return rest;
}

/** The state after a product request (`refine` keeps earlier constraints; `find` starts over unless it only adds). */
export function applyProductTurn(
  state: DialogueState,
  intent: 'find' | 'refine',
  slots: Slots,
  normalizedText: string,
  gazetteer: CatalogueGazetteer,
): DialogueState {
  const next: DialogueState = { ...state, shown: state.shown, skip: [...state.skip] };
  const stated = productSlots(slots);
  const fresh = intent === 'find' && (stated.category !== undefined || Object.keys(state.constraints).length === 0);
  if (fresh) {
    next.constraints = { ...stated };
    next.excludeColours = [];
    next.skip = [];
  } else {
    next.constraints = { ...state.constraints, ...stated };
  }
  const c = next.constraints;
  if (c.category === undefined) {
    const implied = audienceCategory(c.audience, gazetteer);
    if (implied) c.category = implied;
  }
  const shownPrices = state.shown.map((s) => s.price).filter((p): p is number => p !== null);
  if (!fresh && stated.priceMax === undefined && CHEAPER_RE.test(normalizedText) && shownPrices.length > 0) {
    // Strictly below everything shown, so every new item really is cheaper.
    c.priceMax = Math.round((Math.min(...shownPrices) - 0.01) * 100) / 100;
    if (c.priceMin !== undefined && c.priceMin > c.priceMax) delete c.priceMin;
    next.skip = [];
  }
  if (!fresh && stated.priceMin === undefined && PRICIER_RE.test(normalizedText) && shownPrices.length > 0) {
    c.priceMin = Math.round((Math.max(...shownPrices) + 0.01) * 100) / 100;
    if (c.priceMax !== undefined && c.priceMax < c.priceMin) delete c.priceMax;
    next.skip = [];
  }
  if (!fresh && stated.colour === undefined && OTHER_COLOUR_RE.test(normalizedText)) {
    if (c.colour !== undefined) next.excludeColours = [...new Set([...next.excludeColours, c.colour])];
    delete c.colour;
    next.skip = [];
  } else if (stated.colour !== undefined) {
    next.excludeColours = next.excludeColours.filter((x) => x !== stated.colour);
  }
  const more = !fresh && Object.keys(stated).length === 0 && MORE_RE.test(normalizedText);
  if (more) next.skip = [...new Set([...next.skip, ...state.shown.map((s) => s.id)])];
  else if (!fresh && Object.keys(stated).length > 0) next.skip = [];
  return next;
}

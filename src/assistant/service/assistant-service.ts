/**
 * The shopping assistant service: understands a message, updates the session's stored state, answers
 * from Daogou's own search, recommendations, FAQ passages and the customer's purchase events, and logs
 * the turn. Every product it shows passes the constraints as search filters.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { ItemChangeListener } from '../../platform/item-service.js';
import { ProductSearch } from '../../search/index.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import {
  CONSOLE_FAQ_SOURCE,
  type AssistantSessionRecord,
  type AssistantTurnRecord,
  type TurnOutcome,
} from '../../store/repositories/assistant-repository.js';
import { GroupCommitter } from '../../platform/group-commit.js';
import type { Store } from '../../store/store.js';
import { normalizeText } from '../../text/index.js';
import { applyProductTurn, initialState, type Constraints, type DialogueState } from '../dialogue/dialogue-state.js';
import { CANNED, compareReply, itemReply, productsReply, sizeReply, type ItemFacts } from '../dialogue/replies.js';
import { isReviewQuestion, reviewsReply, type ReviewSource } from '../dialogue/review-reply.js';
import { csvPassages, markdownPassages, type FaqPassage } from '../faq-documents.js';
import { closestQuestion } from '../review/question-groups.js';
import type { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';
import type { Intent } from '../understand/intent-examples.js';
import { IntentModel } from '../understand/intent-model.js';
import { understand } from '../understand/understand.js';
import { extractSlots } from '../understand/slots.js';
import { AssistantCatalogue } from './assistant-catalogue.js';
import type { AssistantLlm, AssistantTools, ProductView } from './assistant-llm.js';
import { LOW_CONFIDENCE } from './assistant-review.js';
import { latestIntentModelInfo, loadIntentModel, trainIntentModel, type IntentModelInfo } from './intent-training.js';
import type { IntentExample } from '../understand/intent-model.js';
import type { ProductQuery, ProductSource } from './product-source.js';
import type { Slots } from '../understand/slots.js';

/** Sessions expire after this long without a message. */
export const SESSION_TTL_MS = 30 * 60_000;
/** How often a newer intent model (trained by the job thread or another process) is looked for. */
const MODEL_POLL_MS = 10_000;
/** Products shown per answer. */
const SHOWN = 5;

/** One message to the assistant. */
export interface AssistantMessage {
  text: string;
  sessionId?: string;
  /** Set only when the caller may act for this customer (owner's token or a secret key). */
  customerId?: string;
  anonymousId?: string;
  locale?: 'zh' | 'en';
  /**
   * Item id → the price this shopper is shown where it is not the catalogue's (their price experiment variant's,
   * from the caller): replies quote it, as the product cards show it.
   */
  prices?: ReadonlyMap<string, number>;
}

/** The assistant's answer. */
export interface AssistantAnswer {
  sessionId: string;
  reply: string;
  intent: Intent;
  slots: Constraints & { references?: number[] };
  /** Item records, in the order shown. */
  items: ItemRecord[];
  suggestions: string[];
  outcome: TurnOutcome;
  /** Who wrote the reply: the built-in rules, or the model (grounded). */
  source: 'builtin' | 'llm';
}

/** Options of one message. */
export interface MessageOptions {
  /** Pieces of the reply as the model streams them (only grounded sentences; the answer's reply is final). */
  onDelta?: (piece: string) => void;
}

/** A turn's answer before the model (if any) has its say. */
interface BuiltinAnswer {
  reply: string;
  items: ItemRecord[];
  state: DialogueState;
  outcome: TurnOutcome;
  showsProducts: boolean;
}

const SORTS: ReadonlySet<string> = new Set(['price_asc', 'price_desc', 'newest', 'popularity']);

/** An item as the model sees it: its catalogue facts and nothing else. */
function productView(r: ItemRecord): ProductView {
  const en = (r.translations as Record<string, { title?: string; category?: string } | undefined> | null | undefined)
    ?.en;
  return {
    id: r.id,
    title: r.title,
    ...(en?.title ? { titleEn: en.title } : {}),
    category: r.category ?? null,
    ...(en?.category ? { categoryEn: en.category } : {}),
    brand: r.brand ?? null,
    price: r.price ?? null,
    currency: r.currency ?? null,
    inStock: r.stock === null || r.stock === undefined || r.stock > 0,
    attributes: r.attributes ?? {},
  };
}

interface FaqIndex {
  search: ProductSearch;
  passages: Map<string, FaqPassage>;
  /** Passages written in the console: questions the merchant answered, matched by wording. */
  asked: FaqPassage[];
}

const SERVICE_TOPICS: Partial<Record<Intent, string>> = {
  shipping: 'shipping',
  returns: 'returns',
  payment: 'payment',
};
const CJK_RE = /\p{Script=Han}/u;

function facts(r: ItemRecord): ItemFacts {
  const attrs = (r.attributes ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const sizes = Array.isArray(attrs.size)
    ? (attrs.size as unknown[]).map(String)
    : str(attrs.size)
      ? [String(attrs.size)]
      : undefined;
  const en = (r.translations as Record<string, { title?: string } | undefined> | null | undefined)?.en?.title;
  return {
    id: r.id,
    title: r.title,
    ...(en ? { titleEn: en } : {}),
    brand: r.brand ?? null,
    price: r.price ?? null,
    currency: r.currency ?? null,
    stock: r.stock ?? null,
    ...(str(attrs.color) ? { colour: str(attrs.color)! } : {}),
    ...(str(attrs.material) ? { material: str(attrs.material)! } : {}),
    ...(sizes ? { sizes } : {}),
  };
}

const itemName = (f: ItemFacts, locale: 'zh' | 'en'): string => (locale === 'en' && f.titleEn ? f.titleEn : f.title);

/** The assistant over one store. */
export class AssistantService implements ItemChangeListener {
  private model: Promise<IntentModel> | null = null;
  private modelInfo: IntentModelInfo | null = null;
  private modelPolledAt = 0;
  private modelPoll: Promise<void> | null = null;
  private closed = false;
  private readonly catalogue: AssistantCatalogue;
  private faqIndex: Promise<FaqIndex> | null = null;
  /**
   * Each turn's session update and log line, committed with those of the other turns answered in the same
   * turn of the event loop in one transaction before the answer goes out (so the next message, on any
   * process, reads the state it left). SQLite then writes each changed page once per group: 0.24 ms of CPU a
   * turn alone, 0.09 ms in groups of four (demo store, 2,000 turns).
   */
  private readonly turns: GroupCommitter<{ session: AssistantSessionRecord; turn: AssistantTurnRecord }, void>;

  constructor(
    private readonly store: Store,
    private readonly products: ProductSource,
    private readonly clock: Clock,
    private readonly reviews?: ReviewSource,
    private readonly onError: (error: unknown) => void = () => {},
    /** The optional model for phrasing and hard messages; null: built-in replies only. */
    private readonly llm: AssistantLlm | null = null,
  ) {
    this.catalogue = new AssistantCatalogue(store, clock, onError);
    this.turns = new GroupCommitter(
      store,
      async (turns, repos) => {
        for (const { session, turn } of turns) {
          await repos.assistant.saveSession(session);
          await repos.assistant.addTurn(turn);
        }
        return turns.map(() => undefined);
      },
      { gather: true },
    );
  }

  /** Trains the intent model, loads the catalogue and warms search and recommendations ahead of the first message. */
  async warm(): Promise<void> {
    await Promise.all([this.intentModel(), this.catalogue.ready(), this.products.warm()]);
  }

  /** The intent model: the newest stored one (trained with the merchant's examples), else the built-in one. */
  private intentModel(): Promise<IntentModel> {
    this.model ??= this.loadModel().catch((error: unknown) => {
      this.model = null;
      throw error;
    });
    if (!this.closed && !this.modelPoll && this.clock() - this.modelPolledAt >= MODEL_POLL_MS) {
      this.modelPolledAt = this.clock();
      this.modelPoll = this.pollModel()
        .catch(this.onError)
        .finally(() => (this.modelPoll = null));
    }
    return this.model;
  }

  private async loadModel(): Promise<IntentModel> {
    this.modelPolledAt = this.clock();
    const latest = await latestIntentModelInfo(this.store);
    const stored = latest ? await loadIntentModel(this.store, latest.id) : undefined;
    if (stored) {
      this.modelInfo = stored.info;
      return stored.model;
    }
    return IntentModel.trainAsync();
  }

  private async pollModel(): Promise<void> {
    await this.model;
    const latest = await latestIntentModelInfo(this.store);
    if (!latest || latest.id === this.modelInfo?.id || latest.trainedAt < (this.modelInfo?.trainedAt ?? 0)) return;
    const stored = await loadIntentModel(this.store, latest.id);
    if (!stored) return;
    this.modelInfo = stored.info;
    this.model = Promise.resolve(stored.model);
  }

  /**
   * Retrains the intent classifier on the built-in examples plus the merchant's (validated by the caller),
   * stores it, and answers with it in this process at once; other processes pick it up within a poll.
   */
  async train(
    examples: readonly IntentExample[],
    onEpoch?: (epoch: number, epochs: number) => void,
  ): Promise<IntentModelInfo> {
    const { model, info } = await trainIntentModel(this.store, this.clock, examples, onEpoch);
    this.modelInfo = info;
    this.model = Promise.resolve(model);
    return info;
  }

  /** Stops background refreshes and waits for one in flight (before the store closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.catalogue.stop();
    await this.modelPoll;
    await this.turns.idle();
  }

  /** Item service listener: the catalogue changed, so the vocabulary is rebuilt before long. */
  itemsChanged(items: readonly ItemRecord[]): void {
    this.catalogue.itemsChanged(items);
  }

  /** Item service listener. */
  itemDeleted(id: string): void {
    this.catalogue.itemDeleted(id);
  }

  /** Replaces the FAQ with passages from Markdown or CSV documents; returns how many passages. */
  async setFaq(
    documents: ReadonlyArray<{ name: string; content: string; format: 'markdown' | 'csv' }>,
  ): Promise<number> {
    const now = this.clock();
    const records = documents.flatMap((d) =>
      (d.format === 'csv' ? csvPassages(d.content) : markdownPassages(d.content)).map((p, i) => ({
        id: `faq-${d.name}-${i}`,
        title: p.title,
        body: p.body,
        source: d.name,
        createdAt: now,
      })),
    );
    await this.store.transaction((repos) => repos.assistant.replaceFaq(records));
    this.faqIndex = null;
    return records.length;
  }

  /** A FAQ passage was added elsewhere (the console): the next question reads the passages again. */
  faqChanged(): void {
    this.faqIndex = null;
  }

  private faq(): Promise<FaqIndex> {
    this.faqIndex ??= this.store.assistant.faq().then((records) => ({
      search: ProductSearch.fromDocuments(records.map((r) => ({ id: r.id, title: r.title, description: r.body }))),
      passages: new Map(records.map((r) => [r.id, { title: r.title, body: r.body }])),
      asked: records.filter((r) => r.source === CONSOLE_FAQ_SOURCE).map((r) => ({ title: r.title, body: r.body })),
    }));
    return this.faqIndex;
  }

  /** The merchant's own answer (written in the console) to a question worded like `text`, if any. */
  private async answeredInConsole(text: string): Promise<string | undefined> {
    const { asked } = await this.faq();
    const i = closestQuestion(
      text,
      asked.map((p) => p.title),
    );
    return i >= 0 ? asked[i]!.body : undefined;
  }

  /** Answers one message. */
  async message(msg: AssistantMessage, options: MessageOptions = {}): Promise<AssistantAnswer> {
    const now = this.clock();
    const [model] = await Promise.all([this.intentModel(), this.catalogue.ready()]);
    const gazetteer = await this.catalogue.gazetteer();
    const found = msg.sessionId ? await this.store.assistant.session(msg.sessionId, now) : undefined;
    // A session belongs to whoever started it: someone else's session id starts a new conversation under a
    // new id, so a leaked id neither reads nor overwrites the owner's state.
    const stored = found && mayContinue(found, msg) ? found : undefined;
    const sessionId = found && !stored ? `as-${randomUUID()}` : (msg.sessionId ?? `as-${randomUUID()}`);
    const locale = msg.locale ?? (CJK_RE.test(msg.text) ? 'zh' : 'en');
    const state: DialogueState = stored ? { ...(stored.state as DialogueState), locale } : initialState(locale);
    const hasContext = state.shown.length > 0 || Object.keys(state.constraints).length > 0;
    const u = understand(msg.text, model, gazetteer, hasContext);
    const builtin = await this.respond(u.intent, u.slots, msg, state, gazetteer);
    const answer = this.llm
      ? await this.withModel(this.llm, builtin, msg, u.confidence, locale, gazetteer, options)
      : { ...builtin, source: 'builtin' as const };
    const nextState: DialogueState = { ...answer.state, turns: state.turns + 1 };
    const slots = { ...nextState.constraints, ...(u.slots.references ? { references: u.slots.references } : {}) };
    await this.turns.append({
      session: {
        id: sessionId,
        customerId: msg.customerId ?? null,
        anonymousId: msg.anonymousId ?? null,
        state: nextState,
        createdAt: stored?.createdAt ?? now,
        updatedAt: now,
        expiresAt: now + SESSION_TTL_MS,
      },
      turn: {
        id: `at-${randomUUID()}`,
        sessionId,
        customerId: msg.customerId ?? null,
        anonymousId: msg.anonymousId ?? null,
        text: msg.text,
        reply: answer.reply,
        intent: u.intent,
        slots,
        itemIds: answer.items.map((i) => i.id),
        outcome: answer.outcome,
        createdAt: now,
        confidence: u.confidence,
      },
    });
    return {
      sessionId,
      reply: answer.reply,
      intent: u.intent,
      slots: answer.showsProducts ? slots : u.slots.references ? { references: u.slots.references } : {},
      items: answer.items,
      suggestions: suggestionsFor(u.intent, locale, answer.items.length),
      outcome: answer.outcome,
      source: answer.source,
    };
  }

  /**
   * The model's part of a turn: a hard message (the classifier unsure, or the rules could not answer) is put
   * to the model with Daogou's tools; any other reply is rephrased. A hand-off keeps its fixed reply, and
   * whatever the model gives that is not grounded leaves the built-in answer as it was.
   */
  private async withModel(
    llm: AssistantLlm,
    builtin: BuiltinAnswer,
    msg: AssistantMessage,
    confidence: number,
    locale: 'zh' | 'en',
    gazetteer: CatalogueGazetteer,
    options: MessageOptions,
  ): Promise<BuiltinAnswer & { source: 'builtin' | 'llm' }> {
    const plain = { ...builtin, source: 'builtin' as const };
    if (builtin.outcome === 'handoff') return plain;
    const turn = {
      text: msg.text,
      locale,
      builtinReply: builtin.reply,
      products: builtin.items.map(productView),
      gazetteer,
      ...(options.onDelta ? { onDelta: options.onDelta } : {}),
    };
    if (confidence < LOW_CONFIDENCE || builtin.outcome === 'unanswered') {
      const solved = await llm.solve(turn, this.tools(msg, locale, gazetteer));
      if (!solved) return plain;
      const items = this.recordsFor(solved.itemIds, msg);
      const state =
        items.length > 0
          ? { ...builtin.state, shown: items.map((i) => ({ id: i.id, price: i.price ?? null })) }
          : builtin.state;
      return { ...builtin, reply: solved.reply, items, state, outcome: 'answered', source: 'llm' };
    }
    const phrased = await llm.phrase(turn);
    return phrased ? { ...builtin, reply: phrased, source: 'llm' } : plain;
  }

  /** The model's tools for one message: search and recommendations as the rules use them, the FAQ, the caller's own orders. */
  private tools(msg: AssistantMessage, locale: 'zh' | 'en', gazetteer: CatalogueGazetteer): AssistantTools {
    const views = (ids: readonly string[]): ProductView[] => this.recordsFor(ids.slice(0, SHOWN), msg).map(productView);
    return {
      searchProducts: async (args) => {
        const words = ['query', 'category', 'colour', 'brand', 'material']
          .map((k) => args[k])
          .filter((v): v is string => typeof v === 'string')
          .join(' ');
        const slots = extractSlots(words, gazetteer);
        const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
        const priceMin = num(args.price_min) ?? slots.priceMin;
        const priceMax = num(args.price_max) ?? slots.priceMax;
        const sort =
          typeof args.sort === 'string' && SORTS.has(args.sort) ? (args.sort as ProductQuery['sort']) : undefined;
        const query: ProductQuery = { k: SHOWN, sort: sort ?? slots.sort ?? 'popularity' };
        if (slots.category) query.category = slots.category;
        if (slots.brand) query.brand = slots.brand;
        if (priceMin !== undefined) query.priceMin = priceMin;
        if (priceMax !== undefined) query.priceMax = priceMax;
        const attributes: Record<string, string> = {};
        if (slots.colour) attributes.color = slots.colour;
        if (slots.material) attributes.material = slots.material;
        if (Object.keys(attributes).length > 0) query.attributes = attributes;
        if (msg.customerId) query.customerId = msg.customerId;
        return views(await this.products.find(query));
      },
      recommendProducts: async () => views(await this.products.recommend(msg.customerId, SHOWN)),
      searchFaq: async (question) => {
        const { search, passages } = await this.faq();
        if (search.size === 0 || !question) return [];
        return search
          .search({ q: question, limit: 3 })
          .hits.map((h) => passages.get(h.id))
          .filter((p): p is FaqPassage => p !== undefined);
      },
      orderStatus: async () => (await this.orderStatus(msg.customerId, locale)).reply,
    };
  }

  private async respond(
    intent: Intent,
    slots: Slots,
    msg: AssistantMessage,
    state: DialogueState,
    gazetteer: CatalogueGazetteer,
  ): Promise<BuiltinAnswer> {
    const locale = state.locale;
    const plain = { items: [] as ItemRecord[], state, showsProducts: false };
    // A review question the classifier did not place still asks about the item shown.
    if (intent === 'out_of_scope' && this.reviews && state.shown.length > 0 && isReviewQuestion(msg.text))
      intent = 'item_question';
    switch (intent) {
      case 'find':
      case 'refine': {
        const next = applyProductTurn(state, intent, slots, normalizeText(msg.text), gazetteer);
        const items = await this.matching(next, msg);
        next.shown = items.map((i) => ({ id: i.id, price: i.price ?? null }));
        next.skip = [...new Set([...next.skip, ...items.map((i) => i.id)])];
        const reply = productsReply(items.map(facts), next.constraints, locale, gazetteer);
        return {
          reply,
          items,
          state: next,
          outcome: items.length > 0 ? 'answered' : 'unanswered',
          showsProducts: true,
        };
      }
      case 'compare': {
        const refs = slots.references && slots.references.length >= 2 ? slots.references : [0, 1];
        const items = this.referenced(msg, state, refs);
        return {
          ...plain,
          reply: compareReply(items.map(facts), locale),
          items,
          outcome: items.length >= 2 ? 'answered' : 'unanswered',
        };
      }
      case 'item_question': {
        const items = this.referenced(msg, state, slots.references?.slice(0, 1) ?? [0]);
        const first = items[0] && facts(items[0]);
        // "评价怎么样" about a shown item: answered from its review summary, not its catalogue facts.
        const reviewed =
          first && this.reviews && isReviewQuestion(msg.text) ? await this.reviews(first.id, locale) : null;
        return {
          ...plain,
          reply: reviewed && first ? reviewsReply(itemName(first, locale), reviewed, locale) : itemReply(first, locale),
          items,
          outcome: items.length > 0 ? 'answered' : 'unanswered',
        };
      }
      case 'size_advice': {
        const items = this.referenced(msg, state, slots.references?.slice(0, 1) ?? [0]);
        return { ...plain, reply: sizeReply(items[0] && facts(items[0]), locale), outcome: 'answered' };
      }
      case 'order_status':
        return { ...plain, ...(await this.orderStatus(msg.customerId, locale)) };
      case 'shipping':
      case 'returns':
      case 'payment':
        return { ...plain, ...(await this.faqAnswer(msg.text, SERVICE_TOPICS[intent]!, locale)) };
      case 'complaint':
        return { ...plain, reply: CANNED.complaint![locale], outcome: 'handoff' };
      case 'greeting':
      case 'thanks':
        return { ...plain, reply: CANNED[intent]![locale], outcome: 'answered' };
      default: {
        // A question the merchant answered in the console is answered, however the classifier saw it.
        const own = await this.answeredInConsole(msg.text);
        if (own !== undefined) return { ...plain, reply: own, outcome: 'answered' };
        return { ...plain, reply: CANNED.out_of_scope![locale], outcome: 'unanswered' };
      }
    }
  }

  /** Products meeting every constraint: search with the constraints as filters, else recommendations. */
  private async matching(state: DialogueState, msg: AssistantMessage): Promise<ItemRecord[]> {
    const c = state.constraints;
    const k = SHOWN + state.skip.length + 20;
    const query: ProductQuery = { k };
    if (c.category) query.category = c.category;
    if (c.brand) query.brand = c.brand;
    if (c.priceMin !== undefined) query.priceMin = c.priceMin;
    if (c.priceMax !== undefined) query.priceMax = c.priceMax;
    const attributes: Record<string, string> = {};
    if (c.colour) attributes.color = c.colour;
    if (c.material) attributes.material = c.material;
    if (c.size) attributes.size = c.size;
    if (Object.keys(attributes).length > 0) query.attributes = attributes;
    query.sort = c.sort ?? 'popularity';
    if (msg.customerId) query.customerId = msg.customerId;
    const narrowed = Object.keys(c).some((key) => !['sort', 'audience', 'season', 'occasion'].includes(key));
    const ids = narrowed ? await this.products.find(query) : await this.products.recommend(msg.customerId, k);
    const skip = new Set(state.skip);
    const exclude = new Set(state.excludeColours);
    const out: ItemRecord[] = [];
    for (const r of this.recordsFor(
      ids.filter((id) => !skip.has(id)),
      msg,
    )) {
      const colour = (r.attributes as Record<string, unknown> | null)?.color;
      if (typeof colour === 'string' && exclude.has(colour)) continue;
      out.push(r);
      if (out.length === SHOWN) break;
    }
    return out;
  }

  private referenced(msg: AssistantMessage, state: DialogueState, refs: readonly number[]): ItemRecord[] {
    const ids = refs
      .map((r) => state.shown[r < 0 ? state.shown.length + r : r]?.id)
      .filter((id): id is string => id !== undefined);
    return this.recordsFor(ids, msg);
  }

  /** The records as this shopper sees them: with the prices their price experiments show. */
  private recordsFor(ids: readonly string[], msg: AssistantMessage): ItemRecord[] {
    const records = this.catalogue.records(ids);
    const prices = msg.prices;
    if (!prices || prices.size === 0) return records;
    return records.map((r) => {
      const price = prices.get(r.id);
      return price === undefined ? r : { ...r, price };
    });
  }

  private async orderStatus(
    customerId: string | undefined,
    locale: 'zh' | 'en',
  ): Promise<{ reply: string; outcome: TurnOutcome }> {
    if (!customerId) return { reply: CANNED.order_sign_in![locale], outcome: 'answered' };
    const purchases = await this.store.events.timeline(customerId, { limit: 50, types: ['purchase'] });
    if (purchases.length === 0) return { reply: CANNED.no_orders![locale], outcome: 'answered' };
    const latest = purchases[0]!;
    const order = purchases.filter((p) =>
      latest.orderId ? p.orderId === latest.orderId : p.timestamp === latest.timestamp,
    );
    const records = await this.store.items.getMany(
      order.map((p) => p.itemId).filter((id): id is string => id !== null),
    );
    const titles = order.map((p) => (p.itemId ? (records.get(p.itemId)?.title ?? p.itemId) : '')).filter(Boolean);
    const total = order.reduce((s, p) => s + (p.revenue ?? (p.price ?? 0) * (p.quantity ?? 1)), 0);
    const day = new Date(latest.timestamp).toISOString().slice(0, 10);
    const ref = latest.orderId ?? day;
    const reply =
      locale === 'zh'
        ? `你最近的订单 ${ref}（${day}）：${titles.join('、')}，合计 ¥${total.toFixed(2)}。我们的记录里它已下单成功；物流详情请以商家发货通知为准。`
        : `Your latest order ${ref} (${day}): ${titles.join(', ')}, total ¥${total.toFixed(2)}. It is recorded as placed; the shipping notice from the shop has the delivery details.`;
    return { reply, outcome: 'answered' };
  }

  private async faqAnswer(
    text: string,
    topic: string,
    locale: 'zh' | 'en',
  ): Promise<{ reply: string; outcome: TurnOutcome }> {
    const { search, passages } = await this.faq();
    const hit = search.size > 0 ? search.search({ q: text, limit: 1 }).hits[0] : undefined;
    const passage = hit ? passages.get(hit.id) : undefined;
    if (!passage) return { reply: CANNED.no_faq![locale], outcome: 'unanswered' };
    void topic;
    return { reply: `${passage.title}\n${passage.body}`, outcome: 'answered' };
  }
}

/**
 * Whether `msg` may continue `session`: one started by a customer only by that customer, one started by an
 * anonymous visitor only with the same anonymousId; one started by neither by whoever holds its id.
 */
export function mayContinue(
  session: { customerId: string | null; anonymousId: string | null },
  msg: Pick<AssistantMessage, 'customerId' | 'anonymousId'>,
): boolean {
  if (session.customerId !== null) return session.customerId === (msg.customerId ?? null);
  if (session.anonymousId !== null) return session.anonymousId === (msg.anonymousId ?? null);
  return true;
}

function suggestionsFor(intent: Intent, locale: 'zh' | 'en', shown: number): string[] {
  if ((intent === 'find' || intent === 'refine') && shown > 0) {
    return locale === 'zh'
      ? ['便宜点的', '换个颜色', '第一个是什么材质']
      : ['cheaper', 'a different colour', 'what is the first one made of'];
  }
  return locale === 'zh'
    ? ['推荐一条连衣裙', '我的订单到哪了', '可以退货吗']
    : ['show me dresses', 'where is my order', 'what is your return policy'];
}

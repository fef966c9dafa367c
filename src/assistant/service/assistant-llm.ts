/**
 * The assistant's optional model (an OpenAI-compatible endpoint): it rephrases the built-in reply, and answers
 * hard messages (low classifier confidence, or nothing the built-in rules could answer) by calling only
 * Daogou's own tools — product search, recommendations, the FAQ and the shopper's own orders. What it writes
 * passes the grounding check against what it was given, sentence by sentence as it streams; a failed check, a
 * timeout or an error gives null, and the caller sends the built-in reply.
 */
import type { ChatCompletions, ChatMessage, ChatTool } from '../../platform/chat-completions.js';
import { GroundedStream } from '../dialogue/grounded-stream.js';
import { ReplyEvidence } from '../dialogue/reply-grounding.js';
import type { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';

/** A product as the model sees it: catalogue facts only. */
export interface ProductView {
  id: string;
  title: string;
  titleEn?: string;
  category: string | null;
  categoryEn?: string;
  brand: string | null;
  price: number | null;
  currency: string | null;
  inStock: boolean;
  attributes: Record<string, unknown>;
}

/** What the model's tools do, bound to one turn (the order tool only ever reads the caller's own orders). */
export interface AssistantTools {
  searchProducts(args: Record<string, unknown>): Promise<ProductView[]>;
  recommendProducts(): Promise<ProductView[]>;
  searchFaq(question: string): Promise<Array<{ title: string; body: string }>>;
  orderStatus(): Promise<string>;
}

/** One turn as the model is given it. */
export interface LlmTurn {
  text: string;
  locale: 'zh' | 'en';
  /** The built-in reply: what to rephrase, and evidence (it states only looked-up facts). */
  builtinReply: string;
  /** Products the built-in reply shows. */
  products: ProductView[];
  gazetteer: CatalogueGazetteer;
  /** Grounded pieces of the reply as they stream. */
  onDelta?: (piece: string) => void;
}

/** The model's grounded reply and the products it shows. */
export interface LlmReply {
  reply: string;
  itemIds: string[];
}

/** What the tools gave in one turn. */
interface ToolState {
  /** Texts the reply is checked against (tool results appended). */
  evidence: string[];
  tools: AssistantTools;
  /** Every product a tool returned, by id. */
  products: Map<string, ProductView>;
  /** What the last product tool returned. */
  lastProducts: ProductView[];
  /** Whether any tool gave something (products, passages, an order). */
  found: boolean;
}

/** Most rounds of tool calls in one turn. */
const MAX_ROUNDS = 3;
const STRING = { type: 'string' };
const NUMBER = { type: 'number' };

/** The only tools the model may call. */
export const ASSISTANT_TOOLS: readonly ChatTool[] = [
  {
    name: 'search_products',
    description:
      "Search the shop's catalogue. Every given field is a filter; `query` may hold the shopper's words (category, colour, brand, price).",
    parameters: {
      type: 'object',
      properties: {
        query: STRING,
        category: STRING,
        colour: STRING,
        brand: STRING,
        material: STRING,
        price_min: NUMBER,
        price_max: NUMBER,
        sort: { type: 'string', enum: ['price_asc', 'price_desc', 'newest', 'popularity'] },
      },
    },
  },
  {
    name: 'recommend_products',
    description: 'Products recommended for this shopper (or trending ones).',
    parameters: { type: 'object', properties: {} },
  },
  {
    name: 'search_faq',
    description: "Search the shop's own FAQ and policy documents (shipping, returns, payment…).",
    parameters: { type: 'object', properties: { question: STRING }, required: ['question'] },
  },
  {
    name: 'order_status',
    description: "The signed-in shopper's latest order.",
    parameters: { type: 'object', properties: {} },
  },
];

const RULES = [
  'State only facts given to you in this conversation: product names, prices, attributes, stock and shop policies come from the facts or tool results, never from your own knowledge.',
  'Never invent a product, price, number, discount, delivery time or policy. If the facts do not answer the question, say so briefly.',
  'Plain text, no Markdown tables, at most five short sentences.',
].join(' ');

function language(locale: 'zh' | 'en'): string {
  return locale === 'zh' ? 'Simplified Chinese' : 'English';
}

function parseArgs(raw: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(raw || '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The assistant's model: phrasing and hard messages, grounded or nothing. */
export class AssistantLlm {
  constructor(
    private readonly client: ChatCompletions,
    /** The whole turn's budget for the model, all calls together. */
    private readonly timeoutMs: number,
  ) {}

  /** The built-in reply in the model's words, or null (not grounded, timed out, failed). */
  async phrase(turn: LlmTurn): Promise<string | null> {
    const evidence = new ReplyEvidence([turn.builtinReply, JSON.stringify(turn.products)]);
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content: `You are a shop's shopping assistant. Rewrite the draft reply for the shopper in ${language(turn.locale)}, warmer and more natural, keeping every fact and adding none. ${RULES}`,
      },
      {
        role: 'user',
        content: JSON.stringify({ shopperSaid: turn.text, draftReply: turn.builtinReply, products: turn.products }),
      },
    ];
    return this.run(turn, evidence, messages, null);
  }

  /** An answer to a message the built-in rules found hard, from Daogou's tools only; null when none is grounded. */
  async solve(turn: LlmTurn, tools: AssistantTools): Promise<LlmReply | null> {
    const evidence: string[] = [turn.builtinReply, JSON.stringify(turn.products)];
    const messages: ChatMessage[] = [
      {
        role: 'system',
        content: `You are a shop's shopping assistant; answer in ${language(turn.locale)}. Use the tools to look things up: they are the only source of facts. If the tools give nothing relevant, say you cannot help with that. ${RULES}`,
      },
      { role: 'user', content: turn.text },
    ];
    const state: ToolState = { evidence, tools, products: new Map(), lastProducts: [], found: false };
    const reply = await this.run(turn, evidence, messages, state);
    // An answer no tool backed is the model talking for itself (a joke, the weather): the built-in reply says
    // honestly what the assistant cannot do.
    if (reply === null || !state.found) return null;
    // The products the reply names, else those the last product tool returned.
    const named = [...state.products.values()].filter(
      (p) => reply.includes(p.title) || (p.titleEn !== undefined && reply.includes(p.titleEn)),
    );
    return { reply, itemIds: (named.length > 0 ? named : state.lastProducts).slice(0, 5).map((p) => p.id) };
  }

  private async run(
    turn: LlmTurn,
    evidence: string[] | ReplyEvidence,
    messages: ChatMessage[],
    toolState: ToolState | null,
  ): Promise<string | null> {
    const stop = new AbortController();
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(this.timeoutMs)]);
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const checked = evidence instanceof ReplyEvidence ? evidence : new ReplyEvidence(evidence);
        const stream = new GroundedStream(checked, turn.gazetteer, turn.onDelta, () => stop.abort());
        const answer = await this.client.chat(
          {
            messages,
            temperature: 0.3,
            ...(toolState && round < MAX_ROUNDS - 1 ? { tools: ASSISTANT_TOOLS } : {}),
          },
          { signal, onContent: (piece) => stream.push(piece) },
        );
        if (answer.toolCalls.length === 0 || !toolState) return stream.finish() || null;
        messages.push({ role: 'assistant', content: answer.content || null, toolCalls: answer.toolCalls });
        for (const call of answer.toolCalls) {
          const result = await this.callTool(call.name, parseArgs(call.arguments), toolState);
          toolState.evidence.push(result);
          messages.push({ role: 'tool', toolCallId: call.id, content: result });
        }
      }
      return null;
    } catch {
      // A timeout, an HTTP error, a malformed answer or a failed check: the built-in reply stands.
      return null;
    }
  }

  private async callTool(name: string, args: Record<string, unknown>, state: ToolState): Promise<string> {
    const products = async (found: Promise<ProductView[]>): Promise<string> => {
      const list = await found;
      for (const p of list) state.products.set(p.id, p);
      state.lastProducts = list;
      if (list.length > 0) state.found = true;
      return JSON.stringify({ products: list });
    };
    switch (name) {
      case 'search_products':
        return products(state.tools.searchProducts(args));
      case 'recommend_products':
        return products(state.tools.recommendProducts());
      case 'search_faq': {
        const passages = await state.tools.searchFaq(typeof args.question === 'string' ? args.question : '');
        if (passages.length > 0) state.found = true;
        return JSON.stringify({ passages });
      }
      case 'order_status':
        state.found = true;
        return JSON.stringify({ order: await state.tools.orderStatus() });
      default:
        return JSON.stringify({
          error: `no tool named ${name}; the tools are ${ASSISTANT_TOOLS.map((t) => t.name).join(', ')}`,
        });
    }
  }
}

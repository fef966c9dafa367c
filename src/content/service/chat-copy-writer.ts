/**
 * A copy writer over an OpenAI-compatible chat completions endpoint: it is given only the item's facts and
 * told to state nothing else; its texts still go through the grounding check (write-with-model.ts).
 */
import { ChatCompletions, type ChatEndpoint } from '../../platform/chat-completions.js';
import { MAX_CHARS } from '../content-types.js';
import type { ContentFacts } from '../facts/item-facts.js';
import type { CopyOptions } from '../generate/generate-copy.js';
import type { CopyWriter } from '../generate/write-with-model.js';

const KIND_NAMES: Record<CopyOptions['kind'], string> = {
  title: 'product title',
  description: 'product description',
  selling_points: 'selling points, one per line',
  seo_title: 'SEO page title',
  seo_description: 'SEO meta description',
  email_subject: 'marketing e-mail subject line',
  push: 'push notification text',
  social: 'social media post',
};

/** The facts as the model sees them: nothing the grounding check would not accept. */
export function factsForPrompt(facts: ContentFacts): Record<string, unknown> {
  return {
    name: facts.name,
    brand: facts.brand,
    category: facts.noun,
    price: facts.priceText,
    attributes: Object.fromEntries(facts.attributes.map((a) => [a.key, a.values])),
    status: Object.entries(facts.status)
      .filter(([, on]) => on)
      .map(([k]) => k),
    reviews: facts.reviews.reviews,
    praisedAspects: facts.praised.map((a) => ({ aspect: a.aspect, positiveReviews: a.positive })),
  };
}

/** Writes copy with a chat completions model. */
export class ChatCopyWriter implements CopyWriter {
  private readonly client: ChatCompletions;

  constructor(endpoint: ChatEndpoint, timeoutMs = 20_000) {
    this.client = new ChatCompletions(endpoint, timeoutMs);
  }

  /** Asks for `variants` texts; throws on an HTTP error, a timeout or an answer without texts. */
  async write(facts: ContentFacts, o: CopyOptions): Promise<string[]> {
    const language = facts.locale === 'zh' ? 'Simplified Chinese' : 'English';
    const system = [
      'You write e-commerce copy.',
      'Use ONLY the facts given. Do not state any number, price, percentage, colour, material, size, award, ranking, guarantee or status that is not in the facts.',
      'Mention what reviews praise only for the aspects listed, with their counts.',
      'Reply with JSON only: {"variants": ["...", "..."]}.',
    ].join(' ');
    const user = JSON.stringify({
      write: KIND_NAMES[o.kind],
      language,
      tone: o.tone,
      length: o.length,
      maxCharacters: MAX_CHARS[o.kind],
      variants: o.variants,
      facts: factsForPrompt(facts),
    });
    const { content } = await this.client.chat({
      temperature: 0.7,
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });
    if (!content) throw new Error('the model endpoint answered without message content');
    return parseVariants(content);
  }
}

/** The texts in a model's answer: {"variants": [...]}, a JSON array, or one text per line. */
export function parseVariants(content: string): string[] {
  const cleaned = content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '').trim();
  try {
    const parsed = JSON.parse(cleaned) as unknown;
    const list = Array.isArray(parsed) ? parsed : (parsed as { variants?: unknown }).variants;
    if (Array.isArray(list)) return list.filter((x): x is string => typeof x === 'string');
  } catch {
    // Not JSON: models sometimes answer with plain lines.
  }
  return cleaned
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((l) => l.length > 0);
}

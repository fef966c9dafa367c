/** Turns a send or webhook step into a stored message: id fixed by run and step, content rendered now. */
import type { CustomerRecord } from '../../store/repositories/customer-repository.js';
import type { MessageRecord } from '../../store/repositories/journey-message-repository.js';
import type { JourneyRunRecord } from '../../store/repositories/journey-run-repository.js';
import type { Cap, Content, JourneyDefinition, QuietHours } from '../definition.js';
import { messageId } from '../ids.js';
import type { Effect } from '../step-machine.js';
import { contentFor, productListsUsed, renderContent, type ProductListName, type ProductView } from '../templates.js';
import { CONSENT_OF, DEFAULT_SETTINGS, type JourneySettings } from '../settings.js';

/** Where product blocks come from (recommendations, the cart, similar items, an item). */
export interface ProductSource {
  recommendations(customerId: string, k: number): Promise<ProductView[]>;
  cart(customerId: string): Promise<ProductView[]>;
  similar(itemId: string, k: number): Promise<ProductView[]>;
  items(ids: readonly string[]): Promise<ProductView[]>;
}

/** The guard rails a message carries to delivery. */
export interface MessageGuards {
  consent: 'email' | 'sms' | 'push' | null;
  caps: Cap[] | null;
  quietHours: QuietHours | null;
}

/** The stored payload of a message. */
export interface MessagePayload {
  content: ReturnType<typeof renderContent> | null;
  url: string | null;
  secret: string | null;
  headers: Record<string, string>;
  data: Record<string, unknown>;
  guards: MessageGuards;
}

export { messageId } from '../ids.js';

/** The locale a customer reads: traits.locale or traits.language, else zh. */
export function localeOf(customer: CustomerRecord | undefined): string {
  const raw = customer?.traits.locale ?? customer?.traits.language;
  return typeof raw === 'string' && raw.length >= 2 ? raw.toLowerCase() : 'zh';
}

function guardsFor(
  definition: JourneyDefinition,
  channel: string,
  settings: JourneySettings,
  effect: Effect,
): MessageGuards {
  if (effect.kind === 'webhook') return { consent: null, caps: null, quietHours: null };
  // Consent is required on marketing channels unless the journey says otherwise; webhooks carry no consent.
  const consent = definition.consent === false ? null : (CONSENT_OF[channel] ?? null);
  const caps =
    definition.caps === true
      ? (settings.caps?.[channel] ?? (DEFAULT_SETTINGS.caps as Record<string, Cap[]>)[channel] ?? null)
      : definition.caps === false
        ? null
        : (definition.caps[channel] ?? null);
  const quietHours =
    definition.quietHours === true
      ? (settings.quietHours ?? DEFAULT_SETTINGS.quietHours)
      : definition.quietHours === false
        ? null
        : definition.quietHours;
  return { consent, caps, quietHours };
}

/** Builds one message; product lists are read only when the content names them. */
export async function buildMessage(input: {
  effect: Extract<Effect, { kind: 'send' | 'webhook' }>;
  run: JourneyRunRecord;
  definition: JourneyDefinition;
  customer: CustomerRecord | undefined;
  settings: JourneySettings;
  products: ProductSource;
  template: (idOrName: string) => Promise<Content | Record<string, Content> | undefined>;
  unsubscribeUrl: (channel: string) => string;
  now: number;
}): Promise<MessageRecord> {
  const { effect, run, customer } = input;
  const channel = effect.kind === 'webhook' ? 'webhook' : effect.step.channel;
  const locale = localeOf(customer);
  let content: Content | undefined;
  if (effect.kind === 'send') {
    const source =
      effect.step.content ?? (effect.step.template ? await input.template(effect.step.template) : undefined);
    if (effect.step.template && !source) throw new Error(`template "${effect.step.template}" does not exist`);
    if (source) content = contentFor(source, locale);
  }
  const unsubscribe = channel === 'webhook' ? '' : input.unsubscribeUrl(channel);
  const rendered = content
    ? renderContent(content, {
        customer: { id: run.customerId, traits: customer?.traits ?? {} },
        trigger: run.trigger,
        journey: { id: run.journeyId, name: input.definition.name },
        locale,
        unsubscribe_url: unsubscribe,
        products: await productLists(productListsUsed(content), run, input.products),
      })
    : null;
  const payload: MessagePayload = {
    content: rendered,
    url: effect.step.url ?? null,
    secret: effect.step.secret ?? null,
    headers: effect.step.headers ?? {},
    data: { trigger: run.trigger, ...(effect.kind === 'webhook' ? (effect.step.body ?? {}) : {}) },
    guards: guardsFor(input.definition, channel, input.settings, effect),
  };
  return {
    id: messageId(run.id, effect.node),
    runId: run.id,
    journeyId: run.journeyId,
    node: effect.node,
    customerId: run.customerId,
    channel,
    status: 'queued',
    reason: null,
    attempts: 0,
    nextAttemptAt: input.now,
    payload: payload as unknown as Record<string, unknown>,
    createdAt: input.now,
    sentAt: null,
    openedAt: null,
    clickedAt: null,
  };
}

async function productLists(
  names: readonly ProductListName[],
  run: JourneyRunRecord,
  source: ProductSource,
): Promise<Partial<Record<ProductListName, ProductView[]>>> {
  const out: Partial<Record<ProductListName, ProductView[]>> = {};
  const itemId = typeof run.trigger.itemId === 'string' ? run.trigger.itemId : null;
  for (const name of names) {
    if (name === 'recommendations') out.recommendations = await source.recommendations(run.customerId, 4);
    else if (name === 'cart') out.cart = await source.cart(run.customerId);
    else if (name === 'similar') out.similar = itemId ? await source.similar(itemId, 4) : [];
    else out.item = itemId ? await source.items([itemId]) : [];
  }
  return out;
}

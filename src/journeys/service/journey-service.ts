/**
 * Journeys as callers manage them: create, edit (each edit a new version; runs keep theirs), activate,
 * pause, archive; stats per step; templates; settings; and the public ends of messages — unsubscribe,
 * open and click tracking, bounce and complaint reports feeding the suppression list.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, systemEvent } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { JourneyRecord, TemplateRecord } from '../../store/repositories/journey-repository.js';
import type { MessageRecord, MessageStatus } from '../../store/repositories/journey-message-repository.js';
import type { JourneyRunRecord, RunCounts, RunStatus } from '../../store/repositories/journey-run-repository.js';
import type { Store } from '../../store/store.js';
import { CHANNELS, type Content } from '../definition.js';
import { nodeLabel } from '../program.js';
import type { JourneySettings } from '../settings.js';
import { checkContent, contentFor, productListsUsed, renderContent, type RenderedContent } from '../templates.js';
import { validateJourney } from '../validate-journey.js';
import type { JourneyCatalogue } from './journey-catalogue.js';
import type { JourneyContext } from './journey-context.js';
import { localeOf, type ProductSource } from './messages.js';

/** Event type recorded when a customer unsubscribes through a message link. */
export const UNSUBSCRIBE_EVENT = 'custom:unsubscribe';

/** A journey status a caller may set. */
export type SettableStatus = 'draft' | 'active' | 'paused' | 'archived';

/** Per-step funnel and message outcomes. */
export interface StepStats {
  node: string;
  label: string;
  type: string;
  entered: number;
  messages: Partial<Record<MessageStatus, number>>;
  opened: number;
  clicked: number;
}

/** A journey's measurement. */
export interface JourneyStats {
  runs: RunCounts;
  steps: StepStats[];
  conversion: {
    event: string;
    windowMs: number;
    treated: { runs: number; converted: number; rate: number; revenue: number };
    holdout: { runs: number; converted: number; rate: number; revenue: number };
    /** Treated rate minus holdout rate (null without a holdout group). */
    lift: number | null;
  };
}

/** The journey service. */
export class JourneyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly catalogue: JourneyCatalogue,
    private readonly context: JourneyContext,
    private readonly products: ProductSource,
  ) {}

  /** Creates a journey (status from the input, draft by default). */
  async create(input: unknown): Promise<JourneyRecord> {
    const definition = validateJourney(input);
    const status = (input as { status?: SettableStatus }).status ?? 'draft';
    const now = this.clock();
    const { status: _s, ...stored } = input as Record<string, unknown>;
    return this.store.transaction(async (repos) => {
      if (await repos.journeys.getByName(definition.name))
        throw new ConflictError(`a journey named "${definition.name}" already exists`);
      const record: JourneyRecord = {
        id: randomUUID(),
        name: definition.name,
        status,
        version: 1,
        definition: stored,
        createdAt: now,
        updatedAt: now,
      };
      await repos.journeys.insert(record);
      return record;
    });
  }

  /** Replaces a journey's definition: a new version for new entrants; customers already in it keep theirs. */
  async update(id: string, input: unknown): Promise<JourneyRecord> {
    const definition = validateJourney(input);
    const { status: requested, ...stored } = input as Record<string, unknown>;
    return this.store.transaction(async (repos) => {
      const current = await repos.journeys.get(id);
      if (!current) throw new NotFoundError(`no journey with id "${id}"`);
      const other = await repos.journeys.getByName(definition.name);
      if (other && other.id !== id) throw new ConflictError(`a journey named "${definition.name}" already exists`);
      const changed = JSON.stringify(current.definition) !== JSON.stringify(stored);
      const next: JourneyRecord = {
        ...current,
        name: definition.name,
        status: (requested as JourneyRecord['status'] | undefined) ?? current.status,
        version: changed ? current.version + 1 : current.version,
        definition: stored,
        updatedAt: this.clock(),
      };
      await repos.journeys.update(next, changed);
      return next;
    });
  }

  /** Sets a journey's status; archiving ends every run in it. */
  async setStatus(id: string, status: SettableStatus): Promise<JourneyRecord> {
    return this.store.transaction(async (repos) => {
      const current = await repos.journeys.get(id);
      if (!current) throw new NotFoundError(`no journey with id "${id}"`);
      const now = this.clock();
      const next = { ...current, status, updatedAt: now };
      await repos.journeys.update(next, false);
      if (status === 'archived') await repos.journeyRuns.exitAll(id, 'journey_archived', now);
      return next;
    });
  }

  /** One journey. */
  async get(id: string): Promise<JourneyRecord> {
    const j = await this.store.journeys.get(id);
    if (!j) throw new NotFoundError(`no journey with id "${id}"`);
    return j;
  }

  /** A journey by id or name (for the CLI). */
  async find(idOrName: string): Promise<JourneyRecord> {
    const j = (await this.store.journeys.get(idOrName)) ?? (await this.store.journeys.getByName(idOrName));
    if (!j) throw new NotFoundError(`no journey with id or name "${idOrName}"`);
    return j;
  }

  /** Every journey. */
  list(): Promise<JourneyRecord[]> {
    return this.store.journeys.list();
  }

  /** Funnel per step, message outcomes, exits by reason and conversions against the holdout. */
  async stats(id: string): Promise<JourneyStats> {
    const journey = await this.get(id);
    const loaded = (await this.catalogue.version(id, journey.version))!;
    const [runs, entered, messages, conversions] = await Promise.all([
      this.store.journeyRuns.counts(id),
      this.store.journeyRuns.stepCounts(id),
      this.store.journeyMessages.counts(id),
      this.store.journeyRuns.conversions(id, loaded.definition.conversion.event, loaded.definition.conversion.withinMs),
    ]);
    const steps: StepStats[] = [...loaded.program.nodes.values()].map((node) => {
      const mine = messages.filter((m) => m.node === node.key);
      return {
        node: node.key,
        label: nodeLabel(node),
        type: node.step.type,
        entered: entered.get(node.key) ?? 0,
        messages: Object.fromEntries(mine.map((m) => [m.status, m.n])),
        opened: mine.reduce((s, m) => s + m.opened, 0),
        clicked: mine.reduce((s, m) => s + m.clicked, 0),
      };
    });
    const group = (holdout: boolean) => {
      const g = conversions.find((c) => c.holdout === holdout) ?? { runs: 0, converted: 0, revenue: 0 };
      return { runs: g.runs, converted: g.converted, rate: g.runs > 0 ? g.converted / g.runs : 0, revenue: g.revenue };
    };
    const treated = group(false);
    const holdout = group(true);
    return {
      runs,
      steps,
      conversion: {
        event: loaded.definition.conversion.event,
        windowMs: loaded.definition.conversion.withinMs,
        treated,
        holdout,
        lift: holdout.runs > 0 ? treated.rate - holdout.rate : null,
      },
    };
  }

  /** A page of a journey's runs. */
  async runs(
    id: string,
    options: { limit: number; status?: RunStatus; customerId?: string },
  ): Promise<JourneyRunRecord[]> {
    await this.get(id);
    return this.store.journeyRuns.list(id, options);
  }

  /** A page of a journey's messages. */
  async messages(id: string, options: { limit: number; status?: MessageStatus }): Promise<MessageRecord[]> {
    await this.get(id);
    return this.store.journeyMessages.list(id, options);
  }

  /** A customer's runs and messages (for their page in the console). */
  async forCustomer(customerId: string): Promise<{ runs: JourneyRunRecord[]; messages: MessageRecord[] }> {
    return {
      runs: await this.store.journeyRuns.forCustomer(customerId),
      messages: await this.store.journeyMessages.forCustomer(customerId),
    };
  }

  /** Saves a template after checking every part parses. */
  async saveTemplate(input: {
    id?: string;
    name: string;
    channel: string;
    content: Record<string, unknown>;
  }): Promise<TemplateRecord> {
    if (!(CHANNELS as readonly string[]).includes(input.channel)) {
      throw new ValidationError([{ field: 'channel', message: `must be one of: ${CHANNELS.join(', ')}` }]);
    }
    const values = Object.values(input.content);
    const localised = values.length > 0 && values.every((v) => typeof v === 'object' && v !== null);
    const parts = localised
      ? Object.entries(input.content as Record<string, Content>)
      : [['', input.content as Content] as const];
    const issues = parts.flatMap(([locale, c]) =>
      checkContent(c).map((i) => ({ field: `content.${locale ? `${locale}.` : ''}${i.field}`, message: i.message })),
    );
    if (issues.length > 0) throw new ValidationError(issues);
    const now = this.clock();
    return this.store.transaction(async (repos) => {
      const byName = await repos.journeys.template(input.name);
      if (byName && byName.id !== input.id) throw new ConflictError(`a template named "${input.name}" already exists`);
      const existing = input.id ? await repos.journeys.template(input.id) : undefined;
      if (input.id && !existing) throw new NotFoundError(`no template with id "${input.id}"`);
      const record: TemplateRecord = {
        id: existing?.id ?? randomUUID(),
        name: input.name,
        channel: input.channel,
        content: input.content,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await repos.journeys.upsertTemplate(record);
      return record;
    });
  }

  /** Every template. */
  templates(): Promise<TemplateRecord[]> {
    return this.store.journeys.templates();
  }

  /** Deletes a template. */
  async deleteTemplate(id: string): Promise<void> {
    if (!(await this.store.journeys.deleteTemplate(id))) throw new NotFoundError(`no template with id "${id}"`);
  }

  /** Renders content for a customer, as it would be sent now (the live preview in the editor). */
  async render(
    content: Content | Record<string, Content>,
    customerId: string,
    trigger: Record<string, unknown> = {},
  ): Promise<RenderedContent> {
    const issues = checkContent(contentFor(content, 'zh'));
    if (issues.length > 0)
      throw new ValidationError(issues.map((i) => ({ field: `content.${i.field}`, message: i.message })));
    const customer = await this.store.customers.get(customerId);
    if (!customer) throw new NotFoundError(`customer "${customerId}" does not exist`);
    const locale = localeOf(customer);
    const chosen = contentFor(content, locale);
    const itemId = typeof trigger.itemId === 'string' ? trigger.itemId : null;
    const products: Parameters<typeof renderContent>[1]['products'] = {};
    for (const name of productListsUsed(chosen)) {
      if (name === 'recommendations') products.recommendations = await this.products.recommendations(customerId, 4);
      else if (name === 'cart') products.cart = await this.products.cart(customerId);
      else if (name === 'similar') products.similar = itemId ? await this.products.similar(itemId, 4) : [];
      else products.item = itemId ? await this.products.items([itemId]) : [];
    }
    return renderContent(chosen, {
      customer: { id: customerId, traits: customer.traits },
      trigger,
      journey: { id: 'preview', name: 'preview' },
      locale,
      unsubscribe_url: this.context.links.unsubscribe(customerId, 'email'),
      products,
    });
  }

  /** The store-wide settings. */
  settings(): Promise<JourneySettings> {
    return this.context.settings();
  }

  /** Replaces the store-wide settings. */
  async saveSettings(settings: JourneySettings): Promise<JourneySettings> {
    await this.context.save(settings, this.clock());
    return settings;
  }

  /** An unsubscribe link was followed: consent on the channel is withdrawn and the change logged as an event. */
  async unsubscribe(customerId: string, channel: string, signature: string): Promise<void> {
    if (!this.context.links.unsubscribeValid(customerId, channel, signature))
      throw new ForbiddenError('the unsubscribe link is not valid');
    const flag = channel === 'wechat' ? 'push' : channel;
    if (flag !== 'email' && flag !== 'sms' && flag !== 'push')
      throw new ValidationError([{ field: 'ch', message: 'not a consent channel' }]);
    const now = this.clock();
    await this.store.transaction(async (repos) => {
      const customer = await repos.customers.get(customerId);
      if (!customer) throw new NotFoundError('this customer no longer exists');
      await repos.customers.upsertMany([
        { ...customer, consent: { ...customer.consent, [flag]: false }, updatedAt: now },
      ]);
      await repos.events.insertMany([
        systemEvent({ id: randomUUID(), type: UNSUBSCRIBE_EVENT, customerId, timestamp: now, properties: { channel } }),
      ]);
    });
  }

  /** A customer's message preferences: consent per channel (what the storefront's settings page shows). */
  async preferences(customerId: string): Promise<{ email: boolean; sms: boolean; push: boolean }> {
    const customer = await this.store.customers.get(customerId);
    if (!customer) throw new NotFoundError(`customer "${customerId}" does not exist`);
    return { ...customer.consent };
  }

  /** The customer changes their own preferences; each withdrawal is logged as an unsubscribe event. */
  async setPreferences(
    customerId: string,
    changes: Partial<Record<'email' | 'sms' | 'push', boolean>>,
  ): Promise<{ email: boolean; sms: boolean; push: boolean }> {
    const now = this.clock();
    return this.store.transaction(async (repos) => {
      const customer = await repos.customers.get(customerId);
      if (!customer) throw new NotFoundError(`customer "${customerId}" does not exist`);
      const consent = { ...customer.consent, ...changes };
      await repos.customers.upsertMany([{ ...customer, consent, updatedAt: now }]);
      const withdrawn = (Object.keys(changes) as ('email' | 'sms' | 'push')[]).filter(
        (c) => customer.consent[c] && !consent[c],
      );
      await repos.events.insertMany(
        withdrawn.map((channel) =>
          systemEvent({
            id: randomUUID(),
            type: UNSUBSCRIBE_EVENT,
            customerId,
            timestamp: now,
            properties: { channel, via: 'preferences' },
          }),
        ),
      );
      return consent;
    });
  }

  /** Records an open (from the pixel); false when the link is not valid. */
  async opened(messageId: string, signature: string): Promise<boolean> {
    if (!this.context.links.pixelValid(messageId, signature)) return false;
    return this.store.journeyMessages.track(messageId, 'open', this.clock());
  }

  /** Records a click and returns where to send the browser; throws when the link is not valid. */
  async clicked(messageId: string, url: string, signature: string): Promise<string> {
    if (!this.context.links.clickValid(messageId, url, signature))
      throw new ForbiddenError('the tracking link is not valid');
    await this.store.journeyMessages.track(messageId, 'click', this.clock());
    return url;
  }

  /** A provider reported a bounce or complaint: the address is suppressed on the channel. */
  async reportBounce(channel: string, address: string, reason: 'bounce' | 'complaint'): Promise<void> {
    await this.store.journeyMessages.suppress(channel, address, reason, this.clock());
  }

  /** The suppression list. */
  suppressions(limit: number) {
    return this.store.journeyMessages.suppressions(limit);
  }

  /** Erasure: deletes the customer's runs and message log. */
  async forgetCustomer(customerId: string): Promise<{ runs: number; messages: number }> {
    return this.store.transaction(async (repos) => ({
      runs: await repos.journeyRuns.deleteForCustomer(customerId),
      messages: await repos.journeyMessages.deleteForCustomer(customerId),
    }));
  }
}

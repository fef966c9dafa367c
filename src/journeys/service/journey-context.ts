/**
 * What the runner, delivery and routes share: the store-wide settings (kept in meta, over configuration
 * defaults), the signing secret for links and webhooks, and the channel senders built from the settings.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { Channel } from '../channels/channel.js';
import { EmailChannel } from '../channels/email-channel.js';
import { HttpChannel, providerBody, webhookBody } from '../channels/http-channel.js';
import { JourneyLinks } from '../links.js';
import type { JourneySettings } from '../settings.js';

/** Meta keys. */
export const JOURNEY_SETTINGS_KEY = 'journeys.settings';
/** See {@link JOURNEY_SETTINGS_KEY}. */
export const JOURNEY_SECRET_KEY = 'journeys.secret';

/** Defaults from configuration (environment), overridden by stored settings. */
export interface JourneyDefaults {
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
}

/** The shared context. */
export class JourneyContext {
  private current: JourneySettings = {};
  private channels = new Map<string, Channel>();
  private channelKey = '';
  /** Signed links (rebuilt when the public URL changes). */
  links: JourneyLinks;

  private constructor(
    private readonly store: Store,
    private readonly defaults: JourneyDefaults,
    readonly secret: string,
  ) {
    this.links = new JourneyLinks(secret, defaults.publicUrl);
  }

  /** Loads (or creates, once) the secret and the settings. */
  static async open(store: Store, defaults: JourneyDefaults): Promise<JourneyContext> {
    let secret = await store.meta.get(JOURNEY_SECRET_KEY);
    if (secret === undefined) {
      await store.meta.compareAndSet(JOURNEY_SECRET_KEY, undefined, randomBytes(32).toString('hex'));
      secret = (await store.meta.get(JOURNEY_SECRET_KEY))!;
    }
    const context = new JourneyContext(store, defaults, secret);
    await context.settings();
    return context;
  }

  /** The stored settings, re-read (another process may have changed them). */
  async settings(): Promise<JourneySettings> {
    const raw = await this.store.meta.get(JOURNEY_SETTINGS_KEY);
    const settings = raw ? (JSON.parse(raw) as JourneySettings) : {};
    this.apply(settings);
    return settings;
  }

  /** Stores new settings. */
  async save(settings: JourneySettings, now: number): Promise<void> {
    await this.store.meta.set(JOURNEY_SETTINGS_KEY, JSON.stringify(settings), now);
    this.apply(settings);
  }

  private apply(settings: JourneySettings): void {
    this.current = settings;
    this.links = new JourneyLinks(this.secret, settings.publicUrl ?? this.defaults.publicUrl);
    const key = JSON.stringify([settings.email, settings.providers, settings.publicUrl]);
    if (key !== this.channelKey) {
      for (const c of this.channels.values()) c.close?.();
      this.channels.clear();
      this.channelKey = key;
    }
  }

  /** The sender of a channel; null when the channel is not configured (no SMTP server, no provider). */
  channel(name: string): Channel | null {
    let channel = this.channels.get(name);
    if (channel) return channel;
    const s = this.current;
    if (name === 'webhook') channel = new HttpChannel(webhookBody, { defaultSecret: this.secret });
    else if (name === 'email') {
      const smtpUrl = s.email?.smtpUrl ?? this.defaults.smtpUrl;
      if (!smtpUrl) return null;
      channel = new EmailChannel({ smtpUrl, from: s.email?.from ?? this.defaults.mailFrom }, this.links);
    } else {
      const provider = s.providers?.[name as 'sms' | 'push' | 'wechat'];
      channel = new HttpChannel(providerBody, {
        defaultUrl: provider?.url ?? null,
        defaultSecret: this.secret,
        defaultHeaders: provider?.headers ?? {},
      });
    }
    this.channels.set(name, channel);
    return channel;
  }

  /** Closes pooled connections. */
  close(): void {
    for (const c of this.channels.values()) c.close?.();
    this.channels.clear();
  }
}

/**
 * The signed-in shopper's message preferences (consent per channel for e-mail, SMS and push), for a
 * storefront's settings page. Needs an identified customer; with a browser key, their customer token.
 */
import type { Http } from './http.js';
import type { Visitor } from './visitor.js';

/** Consent per channel. */
export interface MessagePreferences {
  email: boolean;
  sms: boolean;
  push: boolean;
}

/** `client.messaging`. */
export class MessagingApi {
  constructor(
    private readonly http: Http,
    private readonly visitor: Visitor,
  ) {}

  /** The signed-in customer's preferences (throws when no customer is identified). */
  preferences(options: { signal?: AbortSignal } = {}): Promise<MessagePreferences> {
    return this.http.request('GET', this.path(), options.signal ? { signal: options.signal } : {});
  }

  /** Changes some channels (the others keep theirs); withdrawing stops every journey's next message there. */
  setPreferences(
    changes: Partial<MessagePreferences>,
    options: { signal?: AbortSignal } = {},
  ): Promise<MessagePreferences> {
    return this.http.request('PUT', this.path(), {
      body: changes,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  private path(): string {
    const customerId = this.visitor.customerId();
    if (customerId === null) throw new Error('message preferences need a signed-in customer: call identify() first');
    return `/v1/customers/${encodeURIComponent(customerId)}/message-preferences`;
  }
}

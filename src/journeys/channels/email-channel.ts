/**
 * E-mail over SMTP with nodemailer: real MIME with HTML and text parts, the message id as Message-ID,
 * List-Unsubscribe (with one-click POST), an open pixel and signed click-tracking links added to the HTML.
 * SMTP 4xx answers are retried; 5xx answers (unknown mailbox) are final and suppress the address.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { backoffMs, type Channel, type DeliveryOutcome, type OutgoingMessage } from './channel.js';

/** Turns links into tracking links and adds an open pixel; given by the service (it holds the signing key). */
export interface LinkTracker {
  click(messageId: string, url: string): string;
  pixel(messageId: string): string;
}

/** SMTP settings. */
export interface EmailSettings {
  /** smtp://user:pass@host:port or smtps://… */
  smtpUrl: string;
  from: string;
}

/** Rewrites http(s) links in HTML to tracking links and appends the open pixel. */
export function trackHtml(html: string, messageId: string, tracker: LinkTracker): string {
  const linked = html.replace(
    /href="(https?:\/\/[^"]+)"/g,
    (_m, url: string) => `href="${tracker.click(messageId, url.replace(/&amp;/g, '&')).replace(/&/g, '&amp;')}"`,
  );
  const pixel = `<img src="${tracker.pixel(messageId).replace(/&/g, '&amp;')}" width="1" height="1" alt="" style="display:block">`;
  return /<\/body>/i.test(linked) ? linked.replace(/<\/body>/i, `${pixel}</body>`) : `${linked}${pixel}`;
}

/** The e-mail channel. */
export class EmailChannel implements Channel {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: EmailSettings,
    private readonly tracker: LinkTracker,
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl, { pool: true, maxConnections: 5 } as never);
  }

  /** Sends one e-mail. */
  async send(message: OutgoingMessage, now: number, attempt: number): Promise<DeliveryOutcome> {
    if (!message.to) return { ok: false, reason: 'the customer has no e-mail address (traits.email)' };
    const content = message.content;
    if (!content) return { ok: false, reason: 'no content' };
    const headers: Record<string, string> = {
      'X-Daogou-Message-Id': message.id,
      'X-Daogou-Journey-Id': message.journeyId,
    };
    if (message.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: message.to,
        subject: content.subject,
        text: content.text,
        ...(content.html ? { html: trackHtml(content.html, message.id, this.tracker) } : {}),
        messageId: `<${message.id}@daogou>`,
        headers,
      });
      return { ok: true };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const reason = `SMTP ${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
      if (code !== undefined && code >= 500)
        return { ok: false, reason, suppress: code === 550 || code === 551 || code === 553 };
      return { ok: false, reason, retryAt: now + backoffMs(attempt) };
    }
  }

  /** Closes pooled connections. */
  close(): void {
    this.transport.close();
  }
}

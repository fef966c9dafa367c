/**
 * E-mail journeys against a real SMTP exchange: an in-process SMTP server (smtp-server) receives the
 * message and mailparser checks the MIME parts — HTML and text, List-Unsubscribe, the Message-ID, the open
 * pixel and signed click-tracking links that record a click and redirect.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { buildApp } from '../../src/server/app.js';
import { sqliteKind, type TestDatabase } from '../helpers/databases.js';

const T0 = Date.UTC(2026, 5, 1, 4, 0, 0);

describe('e-mail journeys over SMTP', () => {
  let database: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let smtp: SMTPServer;
  const mails: ParsedMail[] = [];
  let port = 0;
  let admin: string;
  const clock = () => T0;
  const auth = { authorization: '' };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    database = await sqliteKind().create();
    engine = await createEngine(
      {
        ...loadConfig({}),
        databaseUrl: database.url,
        publicUrl: 'http://shop.test',
        smtpUrl: `smtp://127.0.0.1:${port}`,
        mailFrom: 'Shop <shop@example.com>',
      },
      clock,
    );
    app = await buildApp(engine, { web: false });
    admin = (await engine.keys.create('admin', 'admin')).key;
    auth.authorization = `Bearer ${admin}`;
    await engine.journeys.runner.tick();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database?.cleanup();
  });

  it('sends real MIME with HTML and text parts, unsubscribe header, pixel and signed tracked links', async () => {
    await app.inject({
      method: 'POST',
      url: '/v1/items/batch',
      headers: auth,
      payload: {
        items: [{ id: 'tea', title: '龙井茶', price: 88, currency: 'CNY', images: ['https://img.test/tea.jpg'] }],
      },
    });
    await app.inject({
      method: 'POST',
      url: '/v1/customers/batch',
      headers: auth,
      payload: {
        customers: [
          { id: 'mei', traits: { email: 'mei@example.com', name: '梅', locale: 'zh' }, consent: { email: true } },
        ],
      },
    });
    const created = await app.inject({
      method: 'POST',
      url: '/v1/journeys',
      headers: auth,
      payload: {
        name: 'Cart mail',
        trigger: { event: 'add_to_cart' },
        status: 'active',
        steps: [
          {
            type: 'send',
            channel: 'email',
            content: {
              zh: {
                subject: '{{ customer.traits.name }}，购物车还在',
                html: '<p>你好 {{ customer.traits.name }}</p>{{ cart | product_block }}<a href="https://shop.test/cart">去结算</a>',
              },
              en: { subject: 'Your cart', html: '<p>Hi</p>' },
            },
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: auth,
      payload: { type: 'add_to_cart', customerId: 'mei', itemId: 'tea' },
    });
    const result = await engine.journeys.runner.tick();
    expect(result.sent).toBe(1);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('梅，购物车还在');
    expect(mail.from?.text).toContain('shop@example.com');
    expect(mail.messageId).toMatch(/^<m_[0-9a-f]{36}@daogou>$/);
    expect(mail.text).toContain('你好 梅');
    expect(mail.text).toContain('龙井茶');
    const html = String(mail.html);
    expect(html).toContain('https://img.test/tea.jpg');
    expect(html).toContain('¥88.00');
    expect(html).toMatch(/http:\/\/shop\.test\/v1\/t\/o\/m_[0-9a-f]{36}\?s=/);
    const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '') ?? '';
    const unsubscribe = header('list-unsubscribe');
    expect(unsubscribe).toMatch(/^<http:\/\/shop\.test\/v1\/unsubscribe\?c=mei&ch=email&s=[0-9a-f]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // The tracked link records the click and redirects to the original target.
    const link = /href="(http:\/\/shop\.test\/v1\/t\/c\/[^"]+cart[^"]*)"/
      .exec(html)![1]!
      .replace(/&amp;/g, '&')
      .replace('http://shop.test', '');
    const click = await app.inject({ url: link });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe('https://shop.test/cart');
    const tampered = await app.inject({ url: link.replace(/u=[^&]+/, 'u=https%3A%2F%2Fevil.test') });
    expect(tampered.statusCode).toBe(403);
    const messages = (await app.inject({ url: '/v1/journeys/customers/mei', headers: auth })).json().messages;
    expect(messages[0]).toMatchObject({ status: 'sent', channel: 'email' });
    expect(messages[0].clickedAt).not.toBeNull();
    expect(messages[0].openedAt).not.toBeNull();

    // One-click unsubscribe withdraws e-mail consent.
    const res = await app.inject({ method: 'POST', url: unsubscribe.slice(1, -1).replace('http://shop.test', '') });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/customers/mei', headers: auth })).json().consent.email).toBe(false);
  });
});

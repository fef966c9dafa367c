/** Serves the built storefront (/store) and console (/console) from dist/web, and the storefront's public settings. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { IdSchema, NotFoundError, UnavailableError } from '../domain/index.js';
import type { StorefrontOrder, StorefrontSettings } from '../engine/storefront-settings.js';
import { packageRoot } from './package-root.js';

/** Options for serving the web pages. */
export interface WebOptions {
  /** Where the built pages are (default: dist/web in the package). */
  dir?: string | undefined;
  /** The storefront's settings, asked again at most every 30 s (demo shoppers improve as profiles are built). */
  storefront?: () => Promise<StorefrontSettings>;
  /**
   * Signs a merge of an anonymous id into one of the storefront's shoppers (the demo plays the merchant's
   * login this way); without it there is no /store/sign-in.
   */
  signMerge?: (shopperId: string, anonymousId: string) => Promise<{ signature: string; signedAt: number }>;
  /** Records a demo storefront order server-side (the demo plays the merchant's checkout); without it, no /store/checkout. */
  placeOrder?: (order: StorefrontOrder) => Promise<{ orderId: string; stored: number }>;
}

const SETTINGS_TTL_MS = 30_000;

/** The default location of the built pages. */
export function defaultWebDir(): string {
  return path.join(packageRoot(), 'dist', 'web');
}

function readPage(dir: string, page: 'store' | 'console'): string | undefined {
  const file = path.join(dir, page, 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Registers the web routes: `/` → `/store/`, the two single-page apps, their assets and the storefront settings. */
export async function registerWeb(app: FastifyInstance, options: WebOptions = {}): Promise<void> {
  const dir = options.dir ?? defaultWebDir();
  // Read once: the pages are tiny and this keeps each page load to one in-memory send.
  const pages = { store: readPage(dir, 'store'), console: readPage(dir, 'console') };
  const loadSettings = options.storefront ?? (() => Promise.resolve({ publicKey: null, shoppers: [] }));
  let settings: { value: Promise<StorefrontSettings>; until: number } | undefined;
  const currentSettings = () => {
    const now = Date.now();
    if (!settings || settings.until < now) {
      const value = loadSettings();
      // A failure is not cached: the next request tries again.
      value.catch(() => (settings = undefined));
      settings = { value, until: now + SETTINGS_TTL_MS };
    }
    return settings.value;
  };

  const sendPage = (reply: FastifyReply, page: 'store' | 'console') => {
    const html = pages[page];
    if (html === undefined) {
      throw new UnavailableError(`the web pages are not built (no ${page}/index.html in ${dir}): run "npm run build"`);
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };

  const hide = { schema: { hide: true } };
  app.get('/', hide, (_request, reply) => reply.redirect('/store/'));
  app.get('/store', hide, (_request, reply) => reply.redirect('/store/'));
  app.get('/console', hide, (_request, reply) => reply.redirect('/console/'));
  app.get('/store/config.json', hide, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await currentSettings()),
  );
  const signMerge = options.signMerge;
  if (signMerge) {
    app.post(
      '/store/sign-in',
      {
        schema: {
          hide: true,
          body: Type.Object(
            { shopperId: Type.String({ minLength: 1, maxLength: 128 }), anonymousId: IdSchema },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const { shopperId, anonymousId } = request.body as { shopperId: string; anonymousId: string };
        // Only the shoppers the storefront offers: this is a demo login, not a signing service for any id.
        if (!(await currentSettings()).shoppers.some((s) => s.id === shopperId))
          throw new NotFoundError(`"${shopperId}" is not one of the storefront's shoppers`);
        return signMerge(shopperId, anonymousId);
      },
    );
  }
  const placeOrder = options.placeOrder;
  if (placeOrder) {
    app.post(
      '/store/checkout',
      {
        schema: {
          hide: true,
          body: Type.Object(
            {
              orderId: IdSchema,
              anonymousId: Type.Optional(IdSchema),
              shopperId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
              items: Type.Array(
                Type.Object(
                  {
                    itemId: IdSchema,
                    quantity: Type.Integer({ minimum: 1, maximum: 100 }),
                    recommendationId: Type.Optional(IdSchema),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 50 },
              ),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request) => {
        const order = request.body as StorefrontOrder;
        // Only the storefront's own shoppers, as at sign-in: this is a demo checkout, not a way to write anyone's history.
        if (order.shopperId !== undefined && !(await currentSettings()).shoppers.some((s) => s.id === order.shopperId))
          throw new NotFoundError(`"${order.shopperId}" is not one of the storefront's shoppers`);
        return placeOrder(order);
      },
    );
  }
  // Client-side routing: every path under a page's prefix gets that page.
  app.get('/store/*', hide, (_request, reply) => sendPage(reply, 'store'));
  app.get('/console/*', hide, (_request, reply) => sendPage(reply, 'console'));

  const assets = path.join(dir, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      decorateReply: false,
      // File names carry a content hash, so they never change.
      immutable: true,
      maxAge: '365d',
      schemaHide: true,
      // The build writes .br and .gz beside each asset; browsers that accept them get the smaller file.
      preCompressed: true,
    });
  }
}

/** The storefront's public settings: its browser key and, in the demo, the customers it can browse as. */
import { pickDemoShoppers, type DemoShopper } from './demo-shoppers.js';
import type { Engine } from './engine.js';

/**
 * A demo customer the storefront can "browse as", with the customer token a merchant's server would hand
 * the page of a logged-in shopper (it lets the browser key ask for their personal lists).
 */
export interface StoreShopper extends DemoShopper {
  token: string;
}

/** What the storefront reads from /store/config.json. */
export interface StorefrontSettings {
  publicKey: string | null;
  shoppers: StoreShopper[];
}

/** Demo tokens outlive the 30 s settings cache by far, and a day is what a login session might last. */
const DEMO_TOKEN_TTL_SECONDS = 86_400;

/** Makes the loader behind /store/config.json; demo shoppers carry a token so the browser key may act for them. */
export function storefrontSettings(
  engine: Engine,
  publicKey: string | null,
  demo: boolean,
): () => Promise<StorefrontSettings> {
  return async () => {
    if (!demo) return { publicKey, shoppers: [] };
    // The demo server plays the merchant's back end here: it issues tokens for the customers one may browse as.
    const shoppers = await pickDemoShoppers(engine);
    const tokens = await Promise.all(
      shoppers.map((shopper) => engine.identitySecret.issueToken(shopper.id, DEMO_TOKEN_TTL_SECONDS)),
    );
    return { publicKey, shoppers: shoppers.map((shopper, i) => ({ ...shopper, token: tokens[i]!.token })) };
  };
}

/**
 * The demo's stand-in for a merchant's login: signs the merge of the visitor's anonymous id into a demo
 * shopper (the pair, so that no other visitor's history can be moved).
 */
export function storefrontMergeSigner(engine: Engine) {
  return (shopperId: string, anonymousId: string) => engine.identitySecret.signMergeNow(shopperId, anonymousId);
}

/** An order placed in the demo storefront, as its page sends it to the shop's own server. */
export interface StorefrontOrder {
  orderId: string;
  anonymousId?: string | undefined;
  shopperId?: string | undefined;
  items: { itemId: string; quantity: number; recommendationId?: string | undefined }[];
}

/**
 * The demo's stand-in for a merchant's checkout: a browser key may not record purchases (anyone could forge
 * revenue with it), so, as a real shop's server would, the demo server records the order with the prices of
 * its own catalogue, not the page's.
 */
export function storefrontOrderTaker(engine: Engine) {
  return async (order: StorefrontOrder): Promise<{ orderId: string; stored: number }> => {
    const events = [];
    // The shopper pays the price their page showed: their variant's under a running price experiment.
    const prices = await engine.prices.forSubject({ customerId: order.shopperId, anonymousId: order.anonymousId });
    for (const [line, item] of order.items.entries()) {
      const record = prices.view(await engine.items.get(item.itemId));
      events.push({
        id: `${order.orderId}:${line}`,
        type: 'purchase' as const,
        ...(order.shopperId !== undefined ? { customerId: order.shopperId } : {}),
        ...(order.anonymousId !== undefined ? { anonymousId: order.anonymousId } : {}),
        itemId: record.id,
        quantity: item.quantity,
        ...(record.price !== null ? { price: record.price } : {}),
        ...(record.currency !== null ? { currency: record.currency } : {}),
        orderId: order.orderId,
        channel: 'web' as const,
        ...(item.recommendationId !== undefined ? { recommendationId: item.recommendationId } : {}),
      });
    }
    const result = await engine.events.track(events);
    return { orderId: order.orderId, stored: result.stored };
  };
}

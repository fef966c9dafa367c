/** The storefront's public settings: its browser key and, in the demo, the customers it can browse as. */
import { signCustomerId } from '../platform/identity-secret.js';
import { pickDemoShoppers, type DemoShopper } from './demo-shoppers.js';
import type { Engine } from './engine.js';

/** A demo customer the storefront can "browse as": the signature lets the browser key merge identities. */
export interface StoreShopper extends DemoShopper {
  signature: string;
}

/** What the storefront reads from /store/config.json. */
export interface StorefrontSettings {
  publicKey: string | null;
  shoppers: StoreShopper[];
}

/** Makes the loader behind /store/config.json; demo shoppers carry a signature so the browser key may merge them. */
export function storefrontSettings(
  engine: Engine,
  publicKey: string | null,
  demo: boolean,
): () => Promise<StorefrontSettings> {
  return async () => {
    if (!demo) return { publicKey, shoppers: [] };
    // The demo server plays the merchant's back end here: it signs the ids of the customers one may browse as.
    const [shoppers, secret] = await Promise.all([pickDemoShoppers(engine), engine.identitySecret.get()]);
    return {
      publicKey,
      shoppers: shoppers.map((shopper) => ({ ...shopper, signature: signCustomerId(secret, shopper.id) })),
    };
  };
}

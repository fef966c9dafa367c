/** The storefront's public settings: its browser key and, in the demo, the customers it can browse as. */
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
    const shoppers = await pickDemoShoppers(engine);
    // TODO(identity): sign with the identity secret once the merge accepts signatures.
    return { publicKey, shoppers: shoppers.map((shopper) => ({ ...shopper, signature: '' })) };
  };
}

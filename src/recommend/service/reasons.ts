/** Explanations shown with each recommended item. */

/** Why an item was recommended; `itemId` names the item the reason refers to, when there is one. */
export interface Reason {
  type: 'because-you' | 'bought-together' | 'similar' | 'trending' | 'popular' | 'for-you' | 'buy-again';
  text: string;
  itemId?: string;
}

const VERBS: Record<string, string> = {
  view: 'viewed',
  click: 'viewed',
  add_to_cart: 'added to your cart',
  wishlist: 'saved',
  purchase: 'bought',
  rating: 'rated',
};

/** "because you viewed X". */
export function becauseYou(eventType: string, itemId: string, title: string): Reason {
  return { type: 'because-you', text: `because you ${VERBS[eventType] ?? 'looked at'} ${title}`, itemId };
}

/** "bought together with Y". */
export function boughtTogetherWith(itemId: string, title: string): Reason {
  return { type: 'bought-together', text: `bought together with ${title}`, itemId };
}

/** "similar to X". */
export function similarTo(itemId: string, title: string): Reason {
  return { type: 'similar', text: `similar to ${title}`, itemId };
}

/** "trending in Z" (the item's top-level category), or just "trending". */
export function trendingIn(category: string | undefined): Reason {
  const top = category?.split(/[>/]/)[0]?.trim();
  return { type: 'trending', text: top ? `trending in ${top}` : 'trending now' };
}

/** "popular on <channel>". */
export function popularOn(channel: string | undefined): Reason {
  return { type: 'popular', text: channel ? `popular on ${channel}` : 'popular with shoppers' };
}

/** A personal score without one event to point to. */
export function forYou(): Reason {
  return { type: 'for-you', text: 'picked for you from your activity' };
}

/** "buy again": the customer bought it and customers buy it again. */
export function buyAgain(): Reason {
  return { type: 'buy-again', text: 'you bought this before: buy it again' };
}

import { describe, expect, it } from 'vitest';
import { priceArms, withShownPrice } from './price-arms.js';
import { SubjectPrices } from './service/price-lookup.js';

const experiment = (id: string, startedAt: number | null, prices: Record<string, number>, itemId = 'cup') => ({
  id,
  name: `price ${id}`,
  startedAt,
  variants: Object.entries(prices).map(([name, price]) => ({ name, config: { itemId, price } })),
});

describe('priceArms', () => {
  it("maps each item to its experiment and every variant's price", () => {
    const arms = priceArms([experiment('e1', 1, { control: 8, treatment: 12 })]);
    expect([...arms.keys()]).toEqual(['cup']);
    expect(arms.get('cup')).toEqual({
      experimentId: 'e1',
      experiment: 'price e1',
      prices: new Map([
        ['control', 8],
        ['treatment', 12],
      ]),
    });
  });

  it('gives an item priced by two running experiments to the one started first', () => {
    const arms = priceArms([experiment('late', 20, { control: 8, treatment: 9 }), experiment('early', 10, { a: 7 })]);
    expect(arms.get('cup')?.experimentId).toBe('early');
  });

  it('ignores variants without an item id or a usable price', () => {
    const arms = priceArms([
      { id: 'x', name: 'x', startedAt: 1, variants: [{ name: 'a', config: { price: 5 } }] },
      { id: 'y', name: 'y', startedAt: 1, variants: [{ name: 'a', config: { itemId: 'cup', price: -1 } }] },
      { id: 'z', name: 'z', startedAt: 1, variants: [{ name: 'a', config: { itemId: 'cup', price: '9' } }] },
      { id: 'w', name: 'w', startedAt: 1, variants: [{ name: 'a', config: { itemId: 'cup', price: Infinity } }] },
    ]);
    expect(arms.size).toBe(0);
  });
});

describe('withShownPrice', () => {
  const item = { id: 'cup', title: 'Cup', price: 8 };

  it("shows the variant's price and names the experiment, the variant and the catalogue price", () => {
    const shown = withShownPrice(item, {
      price: 12,
      experimentId: 'e1',
      experiment: 'price cup',
      variant: 'treatment',
    });
    expect(shown).toEqual({
      id: 'cup',
      title: 'Cup',
      price: 12,
      priceExperiment: { id: 'e1', name: 'price cup', variant: 'treatment', regularPrice: 8 },
    });
    expect(item.price).toBe(8);
  });

  it('returns the item itself when no experiment prices it', () => {
    expect(withShownPrice(item, undefined)).toBe(item);
  });
});

describe('SubjectPrices', () => {
  it('records exposures only for experiments whose items were shown, each once a call', async () => {
    const recorded: string[][] = [];
    const prices = new SubjectPrices(
      new Map([
        ['cup', { price: 12, experimentId: 'e1', experiment: 'a', variant: 'treatment' }],
        ['mug', { price: 5, experimentId: 'e2', experiment: 'b', variant: 'control' }],
      ]),
      (ids) => {
        recorded.push([...ids]);
        return Promise.resolve(1);
      },
    );
    await prices.shown(['bowl']);
    await prices.shown(['cup', 'bowl', 'cup']);
    expect(recorded).toEqual([['e1']]);
    expect(prices.prices()).toEqual(
      new Map([
        ['cup', 12],
        ['mug', 5],
      ]),
    );
    expect(prices.view({ id: 'bowl', price: 3 })).toEqual({ id: 'bowl', price: 3 });
  });

  it('is empty and records nothing for nobody', async () => {
    expect(SubjectPrices.none.empty).toBe(true);
    await SubjectPrices.none.shown(['cup']);
    expect(SubjectPrices.none.price('cup')).toBeUndefined();
  });
});

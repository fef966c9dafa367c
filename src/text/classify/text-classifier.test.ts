/** The text classifier on small Chinese and English examples: predictions, determinism, save/load, errors. */
import { describe, expect, it } from 'vitest';
import { TextClassifier, trainTextClassifier, trainTextClassifierAsync } from './index.js';

const EXAMPLES: Array<[string, string]> = [
  ['where is my order', 'order'],
  ['track my package please', 'order'],
  ['has my parcel shipped yet', 'order'],
  ['我的订单到哪了', 'order'],
  ['快递什么时候到', 'order'],
  ['查一下物流', 'order'],
  ['i want a red dress', 'find'],
  ['show me running shoes', 'find'],
  ['looking for a cheap jacket', 'find'],
  ['我想买一条红色连衣裙', 'find'],
  ['推荐一双跑步鞋', 'find'],
  ['有没有便宜的外套', 'find'],
  ['hello there', 'greet'],
  ['hi', 'greet'],
  ['good morning', 'greet'],
  ['你好', 'greet'],
  ['您好啊', 'greet'],
  ['早上好', 'greet'],
];
const texts = EXAMPLES.map((e) => e[0]);
const labels = EXAMPLES.map((e) => e[1]);

describe('trainTextClassifier', () => {
  const model = trainTextClassifier(texts, labels, { epochs: 30, seed: 7 });

  it('labels unseen utterances in both languages', () => {
    expect(model.predict('where is my parcel').label).toBe('order');
    expect(model.predict('订单物流到哪了').label).toBe('order');
    expect(model.predict('show me a blue dress').label).toBe('find');
    expect(model.predict('想买连衣裙').label).toBe('find');
    expect(model.predict('hello').label).toBe('greet');
    expect(model.predict('你好呀').label).toBe('greet');
  });

  it('scores are probabilities that sum to one', () => {
    const probs = model.probabilities('track my order');
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const top = model.predictTop('track my order', 3);
    expect(top.map((p) => p.label).sort()).toEqual(['find', 'greet', 'order']);
    expect(top[0]!.score).toBeGreaterThan(top[1]!.score);
    expect(model.predict('track my order').score).toBe(top[0]!.score);
  });

  it('is deterministic for a seed', () => {
    const again = trainTextClassifier(texts, labels, { epochs: 30, seed: 7 });
    expect(again.toJSON()).toEqual(model.toJSON());
  });

  it('the yielding trainer gives the same model', async () => {
    const yielding = await trainTextClassifierAsync(texts, labels, { epochs: 30, seed: 7 });
    expect(yielding.toJSON()).toEqual(model.toJSON());
  });

  it('round-trips through JSON with identical probabilities', () => {
    const loaded = TextClassifier.load(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.labels).toEqual(model.labels);
    for (const t of ['where is my order', '红色连衣裙', 'unknown words here']) {
      expect([...loaded.probabilities(t)]).toEqual([...model.probabilities(t)]);
    }
  });

  it('plain bag-of-words features still learn', () => {
    const bow = trainTextClassifier(texts, labels, {
      epochs: 30,
      features: { charNgrams: [0, 0], wordBigrams: false, idf: false, sublinearTf: false },
    });
    expect(bow.predict('track my order').label).toBe('order');
  });

  it('rejects mismatched or single-label training data', () => {
    expect(() => trainTextClassifier(['a', 'b'], ['x'])).toThrow(/differ in length/);
    expect(() => trainTextClassifier(['a', 'b'], ['x', 'x'])).toThrow(/two distinct labels/);
  });
});

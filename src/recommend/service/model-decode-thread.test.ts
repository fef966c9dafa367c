import { describe, expect, it } from 'vitest';
import { groupedLog } from '../test-fixtures.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import type { LogColumns } from './log-columns.js';
import { decodeOffThread } from './model-decode-thread.js';
import { fitServingModel, packServingModel, unpackServingModel } from './recommend-model.js';

describe('decoding a stored model on a worker thread', () => {
  it('gives the model decoding on the calling thread gives, every component included', async () => {
    const log = groupedLog(15);
    const cols: LogColumns = { log, channels: new Uint8Array(log.size), channelNames: ['web'], lastSeq: log.size };
    // Texts and image vectors bring in the content and "looks similar" components.
    const texts = new Map<string, ItemText>(log.itemIds.map((id) => [id, { title: `${id[0]} thing`, brand: id[0] }]));
    const images = new Map(log.itemIds.map((id, i) => [id, Float32Array.from([1, i % 3, id.length])]));
    const { model } = await fitServingModel(cols, texts, () => {}, undefined, images);
    const bytes = packServingModel(model);
    const info = { id: 'm1', trainedAt: 5 };
    const here = unpackServingModel(bytes, info, 7);
    const there = await decodeOffThread({ bytes: bytes.slice(), info, eventSeq: 7 });

    expect(there.pipeline!.models.map((m) => m.name)).toEqual(here.pipeline!.models.map((m) => m.name));
    expect(there.pipeline!.models.map((m) => m.name)).toEqual(expect.arrayContaining(['content', 'visual']));
    expect(there.info).toEqual(info);
    expect(there.eventSeq).toBe(7);
    expect(there.precomputed?.userIds).toEqual(here.precomputed?.userIds);
    const history = { items: [log.itemIndex.get('a0')!, log.itemIndex.get('a1')!] };
    expect(there.pipeline!.recommend(history, 5)).toEqual(here.pipeline!.recommend(history, 5));
    for (let item = 0; item < log.numItems; item++) {
      const a = new Float32Array(log.numItems);
      const b = new Float32Array(log.numItems);
      there.pipeline!.similar(item, a);
      here.pipeline!.similar(item, b);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
    expect(there.boughtTogether!.associations(log.itemIndex.get('hit')!)).toEqual(
      here.boughtTogether!.associations(log.itemIndex.get('hit')!),
    );
  });

  it('names what it cannot decode', async () => {
    const info = { id: 'bad', trainedAt: 0 };
    await expect(decodeOffThread({ bytes: new Uint8Array(16), info, eventSeq: 0 })).rejects.toThrow(
      /could not be decoded/,
    );
  });
});

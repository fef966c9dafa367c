import { describe, expect, it } from 'vitest';
import { groupedLog } from '../test-fixtures.js';
import { fitOnWorkerThread } from './fit-thread.js';
import type { LogColumns } from './log-columns.js';
import { fitServingModel, unpackServingModel } from './recommend-model.js';

function columns(): LogColumns {
  const log = groupedLog(15);
  return { log, channels: new Uint8Array(log.size), channelNames: ['web'], lastSeq: log.size };
}

describe('fitting on worker threads', () => {
  it('gives the model a fit on the calling thread gives, with the weights chosen on a thread of their own', async () => {
    const cols = columns();
    const stages: string[] = [];
    const threaded = await fitOnWorkerThread(cols, new Map(), (m) => stages.push(m));
    const here = await fitServingModel(cols, new Map());
    expect(threaded.metrics.weights).toEqual(here.metrics.weights);
    expect(threaded.metrics.validationNdcg).toBe(here.metrics.validationNdcg);
    // Both halves reported their stages: the validation fit and the final one.
    expect(stages.some((s) => s.startsWith('validation fit:'))).toBe(true);
    expect(stages).toContain('precomputing lists per customer');
    const served = unpackServingModel(threaded.bytes, { id: 'm', trainedAt: 0 }, cols.lastSeq);
    expect(served.precomputed?.userIds).toEqual(here.model.precomputed?.userIds);
    expect(Array.from(served.precomputed?.items ?? [])).toEqual(Array.from(here.model.precomputed?.items ?? []));
  });
});

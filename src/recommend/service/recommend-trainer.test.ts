import v8 from 'node:v8';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { loadSmallStore } from '../../../test/helpers/small-store.js';
import { testConfig } from '../../../test/helpers/test-time.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import { InteractionLog } from '../interaction-log.js';
import { RecommendTrainer } from './recommend-trainer.js';

// A full collection on demand, to see what the trainer still holds; the flag only adds the global function.
v8.setFlagsFromString('--expose_gc');
const collect = runInNewContext('gc') as () => void;

describe('recommendation training', () => {
  let database: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    database = await sqliteKind().create();
    engine = await createEngine(testConfig({ databaseUrl: database.url }));
    await loadSmallStore(engine);
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await database?.cleanup();
  });

  // At 1,000,000 customers the log, its user ids and the item texts were hundreds of MB held through a half-hour
  // fit and the storing of the model after it (docs/scale.md); the fit threads have copies of their own.
  it('holds no interaction log while its threads fit, nor after the model is stored', async () => {
    const logs: WeakRef<InteractionLog>[] = [];
    const original = Object.getOwnPropertyDescriptor(InteractionLog, 'fromIndexed')!;
    const fromIndexed = InteractionLog.fromIndexed.bind(InteractionLog);
    // Not vi.spyOn: a spy keeps what it returned (mock.results), and so the log.
    InteractionLog.fromIndexed = (columns) => {
      const log = fromIndexed(columns);
      logs.push(new WeakRef(log));
      return log;
    };
    const aliveAt = new Map<string, number>();
    const alive = async () => {
      // A WeakRef's target lives at least to the end of the turn that made or read it.
      await nextTurn();
      collect();
      return logs.filter((ref) => ref.deref() !== undefined).length;
    };
    const trainer = new RecommendTrainer(engine.store, engine.clock);
    const result = await trainer
      .train(async (_fraction, message) => {
        if (message.startsWith('fit:') || message === 'storing the model') aliveAt.set(message, await alive());
      })
      .finally(() => Object.defineProperty(InteractionLog, 'fromIndexed', original));
    expect(result.modelId).not.toBeNull();
    expect(logs.length).toBeGreaterThan(0);
    expect(aliveAt.get('storing the model')).toBe(0);
    expect([...aliveAt.keys()].some((m) => m.startsWith('fit:'))).toBe(true);
    for (const [message, count] of aliveAt) expect(count, message).toBe(0);
    expect(await alive()).toBe(0);
  });
});

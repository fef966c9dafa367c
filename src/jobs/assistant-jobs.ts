/** Retraining the assistant's intent classifier on the merchant's examples, on the job thread (not the serving one). */
import { validateExamples, type AssistantService } from '../assistant/index.js';
import type { JobQueue } from './job-queue.js';

/** Trains the intent classifier on the built-in examples plus the merchant's stored ones. */
export const ASSISTANT_TRAIN_JOB = 'assistant.train-intents';

/** Registers the training handler; `examples` reads the merchant's stored examples. */
export function defineAssistantJobs(
  queue: JobQueue,
  assistant: AssistantService,
  examples: () => Promise<ReadonlyArray<{ text: string; intent: string }>>,
): void {
  queue.define(ASSISTANT_TRAIN_JOB, async (_payload, ctx) => {
    const stored = await examples();
    // Checked again: an intent removed from a later version must not reach the trainer.
    const valid = stored.length === 0 ? [] : validateExamples(stored);
    const info = await assistant.train(valid, (epoch, epochs) => {
      void ctx.progress(epoch / epochs, `epoch ${epoch} of ${epochs}`).catch(() => undefined);
    });
    return { modelId: info.id, examples: info.examples };
  });
}

/**
 * The intent classifier: the general text classifier trained on the built-in examples plus the merchant's
 * own, with honest out-of-scope detection — a message the model is unsure about counts as out of scope
 * unless it names something from the catalogue.
 */
import { TextClassifier, trainTextClassifier, trainTextClassifierAsync } from '../../text/classify/index.js';
import type { TextClassifierModel } from '../../text/classify/index.js';
import { INTENT_EXAMPLES, INTENTS, type Intent } from './intent-examples.js';

/** Below this probability the top intent is not trusted. */
export const INTENT_CONFIDENCE = 0.35;

/** A merchant's own example utterance. */
export interface IntentExample {
  /** The utterance. */
  text: string;
  /** Its intent. */
  intent: Intent;
}

/** The intent of one message. */
export interface IntentPrediction {
  /** The intent. */
  intent: Intent;
  /** The model's probability of it. */
  score: number;
}

/** Whether a string is one of the assistant's intents. */
export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

// Few examples: more passes and weaker regularisation than the defaults for large data.
const TRAINING = { epochs: 40, seed: 17, l2: 1e-4 };

function trainingSet(extra: readonly IntentExample[]): { texts: string[]; labels: string[] } {
  const texts: string[] = [];
  const labels: string[] = [];
  for (const intent of INTENTS) {
    for (const text of INTENT_EXAMPLES[intent]) {
      texts.push(text);
      labels.push(intent);
    }
  }
  for (const e of extra) {
    texts.push(e.text);
    labels.push(e.intent);
  }
  return { texts, labels };
}

/** A trained intent model. */
export class IntentModel {
  private constructor(private readonly classifier: TextClassifier) {}

  /** Trains on the built-in examples plus `extra` (deterministic). */
  static train(extra: readonly IntentExample[] = []): IntentModel {
    const { texts, labels } = trainingSet(extra);
    return new IntentModel(trainTextClassifier(texts, labels, TRAINING));
  }

  /** {@link train}, yielding to the event loop between epochs (the same model); `onEpoch` reports progress. */
  static async trainAsync(
    extra: readonly IntentExample[] = [],
    onEpoch?: (epoch: number, epochs: number) => void,
  ): Promise<IntentModel> {
    const { texts, labels } = trainingSet(extra);
    const options = onEpoch ? { ...TRAINING, onEpoch: (e: number) => onEpoch(e, TRAINING.epochs) } : TRAINING;
    return new IntentModel(await trainTextClassifierAsync(texts, labels, options));
  }

  /** Rebuilds a saved model. */
  static load(saved: TextClassifierModel): IntentModel {
    return new IntentModel(TextClassifier.load(saved));
  }

  /** The model as JSON. */
  toJSON(): TextClassifierModel {
    return this.classifier.toJSON();
  }

  /** The most probable intent; out_of_scope when the model is unsure. */
  predict(text: string): IntentPrediction {
    const top = this.classifier.predict(text);
    const intent = isIntent(top.label) ? top.label : 'out_of_scope';
    if (top.score < INTENT_CONFIDENCE) return { intent: 'out_of_scope', score: top.score };
    return { intent, score: top.score };
  }
}

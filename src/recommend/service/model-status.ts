/** What the console shows about recommendations: the serving model's training figures and the latest evaluation. */
import type { Store } from '../../store/store.js';
import type { ValidationSummary } from './recommend-model.js';
import { RECOMMEND_ARTIFACT_KIND } from './recommend-trainer.js';
import { latestEvaluation, type StoreEvaluation } from './store-evaluation.js';

/** One blended component and its weight. */
export interface ModelComponent {
  name: string;
  weight: number;
}

/** The newest stored model, as its training recorded it. */
export interface ModelSummary {
  id: string;
  trainedAt: number;
  /** Log position the model was trained up to. */
  eventSeq: number;
  trainingSeconds: number | null;
  customers: number | null;
  items: number | null;
  interactions: number | null;
  /** NDCG@10 on the hold-out the blend weights were chosen on (null when not validated). */
  validationNdcg: number | null;
  components: ModelComponent[];
  /** How the blend was validated and why (null for models trained before this was recorded). */
  validation: ValidationSummary | null;
  /** Size of the stored artifact (null for artifacts stored before sizes were recorded). */
  bytes: number | null;
}

/** The model status. */
export interface ModelStatus {
  model: ModelSummary | null;
  evaluation: StoreEvaluation | null;
}

/** Reads the newest model's header (not its bytes) and the latest evaluation. */
export async function modelStatus(store: Store): Promise<ModelStatus> {
  const info = await store.modelArtifacts.latestInfo(RECOMMEND_ARTIFACT_KIND);
  const evaluation = await latestEvaluation(store);
  if (!info) return { model: null, evaluation };
  const m = info.metrics;
  const weights = (m.weights ?? {}) as Record<string, unknown>;
  return {
    model: {
      id: info.id,
      trainedAt: info.trainedAt,
      eventSeq: info.eventSeq,
      trainingSeconds: numberOrNull(m.seconds),
      customers: numberOrNull(m.users),
      items: numberOrNull(m.items),
      interactions: numberOrNull(m.interactions),
      validationNdcg: numberOrNull(m.validationNdcg),
      // Stored as `<position>:<name>` so two components of one kind stay apart; shown in blend order.
      components: Object.entries(weights)
        .map(([key, weight]) => ({ position: Number.parseInt(key, 10), name: key.replace(/^\d+:/, ''), weight }))
        .sort((a, b) => a.position - b.position)
        .map(({ name, weight }) => ({ name, weight: numberOrNull(weight) ?? 0 })),
      validation: validationOrNull(m.validation),
      bytes: numberOrNull(m.bytes),
    },
    evaluation,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function validationOrNull(value: unknown): ValidationSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<ValidationSummary>;
  return typeof v.protocol === 'string' && typeof v.reason === 'string' ? (v as ValidationSummary) : null;
}

/** Checks what a caller may set on an experiment and turns it into a stored record; every problem names its field. */
import { randomBytes, randomUUID } from 'node:crypto';
import { ValidationError, type FieldIssue } from '../../domain/index.js';
import {
  METRIC_TYPES,
  type ExperimentRecord,
  type MetricDefinition,
  type VariantDefinition,
} from '../../store/repositories/experiment-repository.js';

/** Surfaces an experiment can run on. */
export const SURFACES = ['recommendations', 'search', 'journey', 'message', 'content', 'flag', 'price'] as const;

/** What a caller sends to create (or replace) an experiment. */
export interface ExperimentInput {
  name: string;
  description?: string | null;
  surface: string;
  kind?: 'ab' | 'bandit';
  variants: { name: string; weight?: number; config?: Record<string, unknown> }[];
  metrics?: MetricDefinition[];
  traffic?: number;
  layer?: { name: string; start: number; end: number } | null;
  segmentId?: string | null;
  sequential?: boolean;
  correction?: ExperimentRecord['correction'];
  minSample?: number;
  banditFloor?: number;
  /** Start right away (default) or save as a draft. */
  start?: boolean;
}

const CORRECTIONS = ['holm', 'benjamini-hochberg', 'none'];

/** Validates `input`; throws a ValidationError listing every problem. */
export function experimentFromInput(input: ExperimentInput, now: number): ExperimentRecord {
  const issues: FieldIssue[] = [];
  const bad = (field: string, message: string) => issues.push({ field, message });
  if (typeof input.name !== 'string' || input.name.trim() === '') bad('name', 'must not be empty');
  if (!(SURFACES as readonly string[]).includes(input.surface)) bad('surface', `must be one of ${SURFACES.join(', ')}`);
  const kind = input.kind ?? 'ab';
  if (kind !== 'ab' && kind !== 'bandit') bad('kind', 'must be ab or bandit');
  const variants: VariantDefinition[] = (input.variants ?? []).map((v, i) => {
    if (typeof v.name !== 'string' || v.name.trim() === '') bad(`variants/${i}/name`, 'must not be empty');
    const weight = v.weight ?? 1;
    if (!(weight > 0) || !Number.isFinite(weight)) bad(`variants/${i}/weight`, 'must be a positive number');
    return { name: v.name, weight, config: v.config ?? {} };
  });
  if (variants.length < 2) bad('variants', 'needs at least two variants (the first is the control)');
  const names = new Set<string>();
  variants.forEach((v, i) => {
    if (names.has(v.name)) bad(`variants/${i}/name`, `"${v.name}" is used twice`);
    names.add(v.name);
  });
  const metrics = input.metrics ?? [{ name: 'conversion', type: 'conversion' }];
  if (metrics.length === 0) bad('metrics', 'needs at least one metric (the first is the primary one)');
  const metricNames = new Set<string>();
  metrics.forEach((m, i) => {
    if (!(METRIC_TYPES as readonly string[]).includes(m.type))
      bad(`metrics/${i}/type`, `must be one of ${METRIC_TYPES.join(', ')}`);
    if (m.type === 'custom' && !m.event)
      bad(`metrics/${i}/event`, 'is required for a custom metric (the event type counted)');
    if ((m.type === 'item_revenue' || m.type === 'item_profit') && !m.itemId)
      bad(`metrics/${i}/itemId`, `is required for ${m.type} (the item whose purchases count)`);
    if (m.type === 'item_profit' && !(typeof m.unitCost === 'number' && m.unitCost >= 0))
      bad(`metrics/${i}/unitCost`, 'is required for item_profit: a cost of at least 0');
    if (typeof m.name !== 'string' || m.name.trim() === '') bad(`metrics/${i}/name`, 'must not be empty');
    if (metricNames.has(m.name)) bad(`metrics/${i}/name`, `"${m.name}" is used twice`);
    metricNames.add(m.name);
  });
  const traffic = input.traffic ?? 1;
  if (!(traffic > 0 && traffic <= 1)) bad('traffic', 'must be above 0 and at most 1');
  const layer = input.layer ?? null;
  if (layer) {
    if (!layer.name) bad('layer/name', 'must not be empty');
    if (!(layer.start >= 0 && layer.end <= 1 && layer.start < layer.end)) bad('layer', 'needs 0 ≤ start < end ≤ 1');
  }
  const correction = input.correction ?? 'holm';
  if (!CORRECTIONS.includes(correction)) bad('correction', `must be one of ${CORRECTIONS.join(', ')}`);
  const minSample = input.minSample ?? 100;
  if (!Number.isInteger(minSample) || minSample < 1) bad('minSample', 'must be a positive integer');
  const banditFloor = input.banditFloor ?? 0.05;
  if (!(banditFloor >= 0 && banditFloor * Math.max(variants.length, 1) <= 1)) {
    bad('banditFloor', 'must be at least 0, and the floors of all variants together at most 1');
  }
  if (kind === 'bandit' && !['conversion', 'click', 'add_to_cart', 'revenue'].includes(metrics[0]?.type ?? '')) {
    bad('metrics/0/type', 'a bandit optimises a conversion, click, add_to_cart or revenue metric');
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const start = input.start ?? true;
  return {
    id: randomUUID(),
    name: input.name.trim(),
    description: input.description ?? null,
    surface: input.surface,
    kind,
    status: start ? 'running' : 'draft',
    salt: randomBytes(8).toString('hex'),
    variants,
    metrics,
    traffic,
    layer,
    segmentId: input.segmentId ?? null,
    sequential: input.sequential ?? true,
    correction,
    minSample,
    banditFloor,
    createdAt: now,
    updatedAt: now,
    startedAt: start ? now : null,
    stoppedAt: null,
  };
}

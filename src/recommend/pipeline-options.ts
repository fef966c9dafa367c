/** The one place the default pipeline is configured for a store's log: `daogou recommend` and the service both use it. */
import type { PipelineOptions } from './default-pipeline.js';
import type { InteractionLog } from './interaction-log.js';
import type { ItemText } from './recommenders/content-recommender.js';

/** Fewer customers than this and the pipeline keeps its default weights (nothing to hold out). */
export const VALIDATION_MIN_USERS = 20;

/**
 * Options of the pipeline for `log`: validation by the log's shape (see log-shape.ts) once there are
 * enough customers to hold events out of, content when item texts exist, "looks similar" when item
 * images have vectors.
 */
export function storePipelineOptions(
  log: InteractionLog,
  itemTexts?: ReadonlyMap<string, ItemText>,
  onProgress?: (message: string) => void,
  itemImages?: ReadonlyMap<string, Float32Array>,
): PipelineOptions {
  return {
    ...(itemTexts && itemTexts.size > 0 ? { itemTexts } : {}),
    ...(itemImages && itemImages.size > 0 ? { itemImages } : {}),
    ...(onProgress ? { onProgress } : {}),
    validation: log.numUsers >= VALIDATION_MIN_USERS ? 'auto' : 'none',
  };
}

/**
 * The vision capability's front door: the service over the catalogue (features per item image, photo
 * search, similar-looking items, duplicates, attribute suggestions), the image model and the CLI's folder
 * tools (similar images, training sets), and the pure pieces others may use.
 */
export { VisionService } from './service/vision-service.js';
export type {
  VisionOptions,
  VisionIndexSummary,
  DuplicateItemGroup,
  PhotoSearchResult,
} from './service/vision-service.js';
export { VisualIndex, type VisualMatch } from './visual-index.js';
export { suggestAttributes, type AttributeSuggestion } from './attribute-suggestions.js';
export { MAX_IMAGE_BYTES } from './service/decode-image.js';
export { ImageModel, type ImageModelOutput, type ImageModelSpec } from './service/image-model.js';
export { similarImages, type SimilarImagesOptions, type SimilarImagesSummary } from './service/similar-images.js';
export { writeTrainingSet, type TrainingSetManifest, type WriteTrainingSetOptions } from './service/training-set.js';

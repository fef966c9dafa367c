/** All the features of one image: the model's embedding and class probabilities, colours, pattern and hash. */
import { dominantColours, type DominantColour } from '../colour/dominant-colours.js';
import { patternFeatures, type PatternFeatures } from '../pattern.js';
import { perceptualHash } from '../perceptual-hash.js';
import { decodeSquare } from './decode-image.js';
import type { ImageModel } from './image-model.js';

/** What {@link analyseImage} reads from an image. */
export interface ImageAnalysis {
  /** Unit vector from the model. */
  embedding: Float32Array;
  /** Class probabilities over the model's labels, when it classifies. */
  categories: { label: string; probability: number }[];
  colours: DominantColour[];
  pattern: PatternFeatures;
  phash: string;
}

// Colours, pattern and hash are read from a larger grid than the model's input: stripes and checks need
// the detail, and 96 px keeps k-means and Sobel cheap (a few ms).
const DETAIL_SIZE = 96;

/** Decodes and analyses image bytes; throws a ValidationError naming `field` when they are not an image. */
export async function analyseImage(model: ImageModel, bytes: Uint8Array, field = 'image'): Promise<ImageAnalysis> {
  const [input, detail] = await Promise.all([
    decodeSquare(bytes, model.spec.size, field, model.spec.fit ?? 'contain'),
    decodeSquare(bytes, DETAIL_SIZE, field),
  ]);
  const out = await model.run([input]);
  const labels = model.spec.labels ?? [];
  const categories = out.probabilities
    ? labels
        .map((label, i) => ({ label, probability: out.probabilities![i] ?? 0 }))
        .sort((a, b) => b.probability - a.probability)
    : [];
  return {
    embedding: out.embeddings,
    categories,
    colours: dominantColours(detail.data, detail.width, detail.height),
    pattern: patternFeatures(detail.data, detail.width, detail.height),
    phash: perceptualHash(detail.data, detail.width, detail.height),
  };
}

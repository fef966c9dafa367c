/**
 * An image embedding model run with ONNX Runtime: the model trained by scripts/vision/train.py and
 * shipped in models/vision, or a user-supplied ONNX export (e.g. a CLIP image tower) described by a JSON
 * file beside it that states its input and preprocessing. Nothing is downloaded.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { ValidationError } from '../../domain/index.js';
import type { RgbImage } from './decode-image.js';

/** How a model wants its pixels and what it gives back (the JSON beside the .onnx file). */
export interface ImageModelSpec {
  /** Input tensor name. */
  input: string;
  /** Side of the square input, pixels. */
  size: number;
  layout: 'NCHW' | 'NHWC';
  /** Pixel value range the model expects: [0, 255] or [0, 1]. */
  range: [number, number];
  /** Per-channel mean and standard deviation (in the `range` scale) subtracted/divided before the model. */
  mean?: [number, number, number];
  std?: [number, number, number];
  /** Output holding the embedding (normalised to unit length here, whatever the model does). */
  embeddingOutput?: string;
  /** Output holding class probabilities over `labels`, if the model classifies. */
  probabilitiesOutput?: string;
  /** Class names of `probabilitiesOutput`. */
  labels?: string[];
  /** Letterbox ('contain', the default) or centre-crop ('cover') to the square input. */
  fit?: 'contain' | 'cover';
}

/** Embeddings (and class probabilities) of a batch of images. */
export interface ImageModelOutput {
  /** `n × dim` unit vectors. */
  embeddings: Float32Array;
  /** `n × labels.length` probabilities, or null when the model does not classify. */
  probabilities: Float32Array | null;
}

/** The model shipped with Daogou: clothing photos, 10 classes. */
export const DEFAULT_IMAGE_MODEL = path.resolve(import.meta.dirname, '../../../models/vision/clothing.onnx');

/** Reads and checks a model's spec file. */
export async function readImageModelSpec(specPath: string): Promise<ImageModelSpec> {
  const raw = JSON.parse(await readFile(specPath, 'utf8')) as Partial<ImageModelSpec> & { probabilities?: string };
  const problems: string[] = [];
  if (typeof raw.input !== 'string') problems.push('input must name the input tensor');
  if (!Number.isInteger(raw.size) || (raw.size ?? 0) < 8) problems.push('size must be an integer ≥ 8');
  if (raw.layout !== undefined && raw.layout !== 'NCHW' && raw.layout !== 'NHWC') problems.push('layout: NCHW or NHWC');
  if (!Array.isArray(raw.range) || raw.range.length !== 2) problems.push('range must be [min, max]');
  if (problems.length > 0) {
    throw new ValidationError(problems.map((message) => ({ field: specPath, message })));
  }
  return {
    input: raw.input!,
    size: raw.size!,
    layout: raw.layout ?? 'NCHW',
    range: raw.range!,
    ...(raw.mean ? { mean: raw.mean } : {}),
    ...(raw.std ? { std: raw.std } : {}),
    embeddingOutput: raw.embeddingOutput ?? 'embedding',
    ...(raw.probabilitiesOutput || raw.labels
      ? { probabilitiesOutput: raw.probabilitiesOutput ?? 'probabilities' }
      : {}),
    ...(raw.labels ? { labels: raw.labels } : {}),
    fit: raw.fit ?? 'contain',
  };
}

/** A loaded image model. */
export class ImageModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** The model's input and preprocessing. */
    readonly spec: ImageModelSpec,
    /** A short name (the file's base name), stored with features so a model change is noticed. */
    readonly name: string,
  ) {}

  /** Loads `<file>.onnx` with its `<file>.json` spec; one inference thread (the machine is shared). */
  static async load(onnxPath: string = DEFAULT_IMAGE_MODEL, threads = 1): Promise<ImageModel> {
    const specPath = onnxPath.replace(/\.onnx$/, '') + '.json';
    if (!existsSync(onnxPath)) throw new ValidationError([{ field: 'model', message: `no model file at ${onnxPath}` }]);
    if (!existsSync(specPath)) {
      throw new ValidationError([
        { field: 'model', message: `no spec ${specPath} beside the model (see docs/vision.md)` },
      ]);
    }
    const spec = await readImageModelSpec(specPath);
    const session = await ort.InferenceSession.create(onnxPath, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new ImageModel(session, spec, path.basename(onnxPath, '.onnx'));
  }

  /** Embeds decoded images (each `spec.size` square). */
  async run(images: readonly RgbImage[]): Promise<ImageModelOutput> {
    const { size, layout, range } = this.spec;
    const n = images.length;
    const plane = size * size;
    const input = new Float32Array(n * 3 * plane);
    const scale = (range[1] - range[0]) / 255;
    const mean = this.spec.mean ?? [0, 0, 0];
    const std = this.spec.std ?? [1, 1, 1];
    for (let b = 0; b < n; b++) {
      const image = images[b]!;
      if (image.width !== size || image.height !== size) {
        throw new Error(`image ${b} is ${image.width}×${image.height}, the model takes ${size}×${size}`);
      }
      const base = b * 3 * plane;
      for (let p = 0; p < plane; p++) {
        for (let c = 0; c < 3; c++) {
          const v = (range[0] + image.data[p * 3 + c]! * scale - mean[c]!) / std[c]!;
          input[layout === 'NCHW' ? base + c * plane + p : base + p * 3 + c] = v;
        }
      }
    }
    const dims = layout === 'NCHW' ? [n, 3, size, size] : [n, size, size, 3];
    const outputs = await this.session.run({ [this.spec.input]: new ort.Tensor('float32', input, dims) });
    const embeddingTensor = outputs[this.spec.embeddingOutput ?? 'embedding'];
    if (!embeddingTensor) throw new Error(`the model has no output named ${this.spec.embeddingOutput}`);
    const embeddings = Float32Array.from(embeddingTensor.data as Float32Array);
    const dim = embeddings.length / n;
    for (let b = 0; b < n; b++) normalise(embeddings, b * dim, dim);
    const probabilityTensor = this.spec.probabilitiesOutput ? outputs[this.spec.probabilitiesOutput] : undefined;
    return {
      embeddings,
      probabilities: probabilityTensor ? Float32Array.from(probabilityTensor.data as Float32Array) : null,
    };
  }

  /** Frees the runtime's session. */
  async close(): Promise<void> {
    await this.session.release();
  }
}

function normalise(v: Float32Array, at: number, dim: number): void {
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += v[at + d]! ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) v[at + d]! /= norm;
}

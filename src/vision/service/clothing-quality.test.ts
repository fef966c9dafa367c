/**
 * Quality floor of the shipped image model on the clothing photos: `validation` photos as queries against
 * the `train` photos as gallery, precision@10 of same-class neighbours and classification accuracy.
 */
import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { IvfIndex } from '../../math/ivf-index.js';
import { embedFiles } from './embed-files.js';
import { ImageModel } from './image-model.js';
import { listImages } from './list-images.js';

const dir = datasetPath('clothing-images');
if (!dir) console.warn(missingDatasetMessage('clothing-images'));

// Measured with the shipped model (models/vision/clothing.json: precision@10 0.8563, accuracy 0.868 in
// PyTorch; 0.8563 through sharp + ONNX Runtime too); the floors leave room for decoder and runtime
// rounding, not for a worse model. The issue asks for at least 0.80.
const PRECISION_FLOOR = 0.84;
const ACCURACY_FLOOR = 0.85;

const classOf = (file: string): string => file.slice(0, file.indexOf('/'));

describe.skipIf(!dir)('clothing photo retrieval quality', () => {
  it('keeps precision@10 and accuracy on validation → train above the floor', async () => {
    const model = await ImageModel.load();
    try {
      const galleryFiles = await listImages(`${dir}/train`);
      const queryFiles = await listImages(`${dir}/validation`);
      expect([galleryFiles.length, queryFiles.length]).toEqual([3068, 341]);
      const gallery = await embedFiles(model, `${dir}/train`, galleryFiles);
      const queries = await embedFiles(model, `${dir}/validation`, queryFiles);
      const index = IvfIndex.build(gallery.embeddings, gallery.dim, { lists: 1 });
      const labels = model.spec.labels!;
      let same = 0;
      let correct = 0;
      for (let q = 0; q < queryFiles.length; q++) {
        const truth = classOf(queryFiles[q]!);
        const found = index.search(queries.embeddings.subarray(q * gallery.dim, (q + 1) * gallery.dim), 10);
        for (const i of found.indices) if (classOf(galleryFiles[i]!) === truth) same++;
        const p = queries.probabilities!.subarray(q * labels.length, (q + 1) * labels.length);
        if (labels[p.indexOf(Math.max(...p))] === truth) correct++;
      }
      const precision = same / (queryFiles.length * 10);
      const accuracy = correct / queryFiles.length;
      console.log(`clothing precision@10 = ${precision.toFixed(4)}, accuracy = ${accuracy.toFixed(4)}`);
      expect(precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
      expect(accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
    } finally {
      await model.close();
    }
  }, 900_000);
});

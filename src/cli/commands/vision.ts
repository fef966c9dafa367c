/** `daogou vision`: visual search over image folders and training sets for the image model. */
import { Command } from 'commander';
import { ImageModel, similarImages, writeTrainingSet } from '../../vision/index.js';
import { existingFolder, positiveInt } from '../options.js';
import { startProgress, type Progress } from '../progress.js';

/** The model named by --model, the environment (DAOGOU_VISION_MODEL) or the one shipped. */
async function loadModel(modelPath: string | undefined): Promise<ImageModel> {
  const chosen = modelPath ?? process.env.DAOGOU_VISION_MODEL;
  return chosen ? ImageModel.load(chosen) : ImageModel.load();
}

function similarCommand(): Command {
  return new Command('similar')
    .description('index every image under a gallery folder and write the nearest gallery images of each query image')
    .requiredOption('--gallery <dir>', 'folder of gallery images (any depth)')
    .requiredOption('--queries <dir>', 'folder of query images (any depth); only their pixels are read')
    .option('--k <n>', 'neighbours per query', '10')
    .requiredOption('--out <file>', 'output: one {"query", "neighbours"} JSON line per query image')
    .option('--model <file.onnx>', 'image model (a .json spec beside it); default: the shipped clothing model')
    .action(async (opts: { gallery: string; queries: string; k: string; out: string; model?: string }) => {
      const k = positiveInt('--k', opts.k);
      const gallery = existingFolder('--gallery', opts.gallery);
      const queries = existingFolder('--queries', opts.queries);
      const model = await loadModel(opts.model);
      const started = performance.now();
      const bars: Partial<Record<string, Progress>> = {};
      try {
        const summary = await similarImages(model, {
          gallery,
          queries,
          k,
          out: opts.out,
          onProgress: (stage, done, total) => {
            const bar = (bars[stage] ??= startProgress(`embedding ${stage}`, total, 'images'));
            bar.update(done, total);
            if (done === total) bar.finish();
          },
        });
        const seconds = (performance.now() - started) / 1000;
        console.error(
          `indexed ${summary.gallery} gallery images, searched ${summary.queries} queries in ${seconds.toFixed(1)} s; wrote ${opts.out}`,
        );
      } finally {
        await model.close();
      }
    });
}

function trainingSetCommand(): Command {
  return new Command('training-set')
    .description('write a labelled image folder (<dir>/<label>/…) as pixels + manifest for scripts/vision/train.py')
    .requiredOption('--images <dir>', 'folder whose sub-folders name the labels')
    .requiredOption('--out <prefix>', 'writes <prefix>.u8 and <prefix>.json')
    .option('--size <px>', 'side of the square images', '48')
    .action(async (opts: { images: string; out: string; size: string }) => {
      const size = positiveInt('--size', opts.size);
      const progress = startProgress('decoding', 0, 'images');
      const manifest = await writeTrainingSet({
        root: existingFolder('--images', opts.images),
        out: opts.out,
        size,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.finish(
        `wrote ${manifest.samples.length} images in ${manifest.labels.length} labels to ${opts.out}.u8 and ${opts.out}.json`,
      );
    });
}

/** The vision command. */
export function visionCommand(): Command {
  return new Command('vision')
    .description('image features: visual search over folders, training sets for the image model')
    .addCommand(similarCommand())
    .addCommand(trainingSetCommand());
}

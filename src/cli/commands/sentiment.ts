/** `daogou sentiment`: positive/negative scores for review texts; `daogou sentiment-train` fits a model. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { datasetsDir } from '../../datasets/location.js';
import { ValidationError } from '../../domain/index.js';
import {
  adaptToReviews,
  BUILTIN_SENTIMENT_MODEL,
  builtinSentimentModel,
  loadSentimentModel,
  MAX_ADAPT_TEXTS,
  readLabelledFile,
  sampleLines,
  saveSentimentModel,
  scoreFile,
  selfTrainSentiment,
  trainBuiltinSentiment,
  trainSentiment,
  validateLabelledReviews,
  type AdaptMode,
  type LabelledReviews,
} from '../../reviews/index.js';
import { withEngine } from '../context.js';
import { existingFile, positiveInt } from '../options.js';
import { startProgress } from '../progress.js';

/** The `sentiment-train` command (its own command: `sentiment`'s --in/--out would capture a subcommand's). */
export function sentimentTrainCommand(): Command {
  return new Command('sentiment-train')
    .description(
      'train a sentiment model: on your labelled reviews (--in: CSV/TSV with "label" and "text" columns), or the built-in one from the datasets folder (--builtin)',
    )
    .option('--in <file>', 'labelled reviews: label 1/0, positive/negative or 好评/差评, and text (or review)')
    .option('--builtin', 'train the built-in model from zh-review-sentiment and en-review-sentiment')
    .option('--datasets <dir>', 'datasets folder for --builtin (default DAOGOU_DATASETS_DIR or ../shared/datasets)')
    .option('--evaluate', 'with --builtin: measure cross-validated and leave-domain-out accuracy first')
    .option('--folds <n>', 'with --evaluate: folds of the cross-validation', '5')
    .option('--fold-limit <n>', 'with --evaluate: run only the first n folds')
    .option(
      '--unlabelled <file>',
      'with --out: unlabelled reviews (one a line) of your domain to self-train on: the model labels those it is sure of and trains again',
    )
    .option(
      '--out <file>',
      "model file to write (default for --builtin: the shipped model; without it, --in trains the store's own model in its database)",
    )
    .action(
      async (
        opts: {
          in?: string;
          builtin?: boolean;
          datasets?: string;
          evaluate?: boolean;
          folds: string;
          foldLimit?: string;
          out?: string;
          unlabelled?: string;
        },
        cmd: Command,
      ) => {
        const log = (line: string): void => void process.stderr.write(`${line}\n`);
        if (opts.unlabelled && !opts.out) {
          throw new ValidationError([
            { field: '--unlabelled', message: 'self-training writes a model file: give --out' },
          ]);
        }
        const unlabelled = opts.unlabelled ? readLines(existingFile('--unlabelled', opts.unlabelled)) : undefined;
        if (opts.builtin === true) {
          trainBuiltinSentiment({
            datasetsDir: opts.datasets ?? datasetsDir(),
            out: opts.out ?? BUILTIN_SENTIMENT_MODEL,
            evaluate: opts.evaluate === true,
            folds: positiveInt('--folds', opts.folds),
            ...(opts.foldLimit ? { foldLimit: positiveInt('--fold-limit', opts.foldLimit) } : {}),
            ...(unlabelled ? { unlabelled } : {}),
            log,
          });
          return;
        }
        if (!opts.in) throw new ValidationError([{ field: '--in', message: 'give --in <file> or --builtin' }]);
        let corpus: LabelledReviews;
        try {
          corpus = readLabelledFile(existingFile('--in', opts.in));
        } catch (error) {
          if (error instanceof ValidationError) throw error;
          throw new ValidationError([{ field: '--in', message: (error as Error).message }]);
        }
        if (!opts.out) {
          await trainStoreModel(cmd, corpus, log);
          return;
        }
        const progress = startProgress('features', corpus.texts.length, 'reviews');
        const options = {
          meta: { trainedOn: opts.in, texts: corpus.texts.length },
          onProgress: (stage: string, done: number, total: number) => {
            if (stage === 'features') progress.update(done, total);
          },
        };
        if (unlabelled) {
          const result = selfTrainSentiment(corpus.texts, corpus.labels, unlabelled, options);
          progress.finish();
          saveSentimentModel(result.model, opts.out);
          log(
            `trained on ${corpus.texts.length} reviews and ${result.pseudoPositive + result.pseudoNegative} of ${result.unlabelled} unlabelled ones (pseudo-labelled ${result.pseudoPositive} positive, ${result.pseudoNegative} negative); wrote ${opts.out}`,
          );
          return;
        }
        const model = trainSentiment(corpus.texts, corpus.labels, options);
        progress.finish();
        saveSentimentModel(model, opts.out);
        log(`trained on ${corpus.texts.length} reviews; wrote ${opts.out}`);
      },
    );
}

/** Trains the store's own model (the engine of `daogou classify`) in-process, as the API's job does. */
async function trainStoreModel(cmd: Command, corpus: LabelledReviews, log: (line: string) => void): Promise<void> {
  const labelled = validateLabelledReviews(
    corpus.texts.map((text, i) => ({ text, label: corpus.labels[i] === 1 ? 'positive' : 'negative' })),
  );
  await withEngine(cmd, async (engine) => {
    const progress = startProgress('training', 20, 'epochs');
    const info = await engine.reviews.train(labelled, (done, total) => progress.update(done, total));
    const { storeAccuracy, builtinAccuracy, n } = info.heldOut;
    progress.finish(
      `trained store sentiment model ${info.id} on ${info.reviews} reviews; on ${n} held out: ${storeAccuracy.toFixed(3)} vs built-in ${builtinAccuracy.toFixed(3)}`,
    );
    log(
      info.active
        ? "this store's reviews are scored with it from now on"
        : 'not better than the built-in model on the held-out reviews: the built-in model keeps scoring',
    );
    console.log(info.id);
  });
}

const ADAPT_MODES: readonly AdaptMode[] = ['auto', 'on', 'off'];

/** The `sentiment` command. */
export function sentimentCommand(): Command {
  return new Command('sentiment')
    .description(
      'score reviews: one text per line in, one {"label": "positive"|"negative", "score": p} JSON line out, in order',
    )
    .option('--in <file>', 'UTF-8 text file, one review per line')
    .option('--out <file>', 'output JSON lines file')
    .option('--model <file>', 'a sentiment model file (default: the built-in Chinese/English review model)')
    .option(
      '--adapt <mode>',
      'adapt the model to the input before scoring it (learn from the reviews it is sure of, then score again): auto (when the input has 500+ reviews and the model is unsure of unusually many: another domain), on, off',
      'auto',
    )
    .action(async (opts: { in?: string; out?: string; model?: string; adapt: string }) => {
      if (!opts.in) throw new ValidationError([{ field: '--in', message: 'is required' }]);
      if (!opts.out) throw new ValidationError([{ field: '--out', message: 'is required' }]);
      const mode = opts.adapt as AdaptMode;
      if (!ADAPT_MODES.includes(mode))
        throw new ValidationError([{ field: '--adapt', message: `must be auto, on or off, got "${opts.adapt}"` }]);
      const input = existingFile('--in', opts.in);
      let model = opts.model ? loadSentimentModel(existingFile('--model', opts.model)) : builtinSentimentModel();
      const started = performance.now();
      if (mode !== 'off') {
        const adaptation = adaptToReviews(model, await sampleLines(input, MAX_ADAPT_TEXTS), mode);
        model = adaptation.model;
        const { decision } = adaptation;
        process.stderr.write(
          `${decision.adapted ? 'adapted' : 'not adapted'}: ${decision.reason} (sure of ${(100 * decision.novelty.confidentShare).toFixed(1)}% of ${decision.novelty.texts} reviews)\n`,
        );
      }
      const progress = startProgress('scoring', 0, 'reviews');
      const n = await scoreFile(model, input, opts.out, (done) => progress.update(done));
      const seconds = (performance.now() - started) / 1000;
      progress.finish(`scored ${n} reviews in ${seconds.toFixed(1)} s; wrote ${opts.out}`);
    });
}

/** Non-empty lines of a UTF-8 file. */
function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
}

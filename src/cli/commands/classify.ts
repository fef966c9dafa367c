/** `daogou classify`: train a text classifier on a labelled CSV and label every row of another CSV. No database. */
import { Command } from 'commander';
import { classifyCsv } from '../../assistant/index.js';
import { startProgress } from '../progress.js';

function positiveInteger(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** The classify command. */
export function classifyCommand(): Command {
  return new Command('classify')
    .description(
      'train a Chinese/English text classifier on TRAIN and write one {"label","score"} JSON line per row of IN',
    )
    .requiredOption('--train <file>', 'labelled CSV with a header row')
    .requiredOption('--text <column>', 'text column (in TRAIN and IN)')
    .requiredOption('--label <column>', 'label column (in TRAIN)')
    .requiredOption('--in <file>', 'CSV to classify (header row with at least the text column)')
    .requiredOption('--out <file>', 'output JSON Lines, one line per row of IN, in order')
    .option('--epochs <n>', 'training passes', '10')
    .option('--seed <n>', 'seed of the training order', '42')
    .action(
      async (opts: {
        train: string;
        text: string;
        label: string;
        in: string;
        out: string;
        epochs: string;
        seed: string;
      }) => {
        const epochs = positiveInteger('--epochs', opts.epochs);
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${opts.seed}"`);
        const progress = startProgress('training', epochs, 'epochs');
        const summary = await classifyCsv({
          trainPath: opts.train,
          textColumn: opts.text,
          labelColumn: opts.label,
          inPath: opts.in,
          outPath: opts.out,
          options: { epochs, seed, onEpoch: (epoch) => progress.update(epoch) },
        });
        progress.finish(
          `trained on ${summary.trained} rows (${summary.labels} labels); classified ${summary.classified} rows; wrote ${opts.out}`,
        );
      },
    );
}

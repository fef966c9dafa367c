/** `daogou sentiment`: positive/negative scores for review texts with the built-in model or a retrained one. */
import { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { ValidationError } from '../../domain/index.js';
import { builtinSentimentModel, loadSentimentModel, scoreFile } from '../../reviews/index.js';
import { startProgress } from '../progress.js';

function inputFile(flag: string, value: string): string {
  if (!existsSync(value) || !statSync(value).isFile()) {
    throw new ValidationError([{ field: flag, message: `not a file: ${value}` }]);
  }
  return value;
}

/** The `sentiment` command. */
export function sentimentCommand(): Command {
  return new Command('sentiment')
    .description(
      'score reviews: one text per line in, one {"label": "positive"|"negative", "score": p} JSON line out, in order',
    )
    .requiredOption('--in <file>', 'UTF-8 text file, one review per line')
    .requiredOption('--out <file>', 'output JSON lines file')
    .option('--model <file>', 'a sentiment model file (default: the built-in Chinese/English review model)')
    .action(async (opts: { in: string; out: string; model?: string }) => {
      const input = inputFile('--in', opts.in);
      const model = opts.model ? loadSentimentModel(inputFile('--model', opts.model)) : builtinSentimentModel();
      const started = performance.now();
      const progress = startProgress('scoring', 0, 'reviews');
      const n = await scoreFile(model, input, opts.out, (done) => progress.update(done));
      const seconds = (performance.now() - started) / 1000;
      progress.finish(`scored ${n} reviews in ${seconds.toFixed(1)} s; wrote ${opts.out}`);
    });
}

/** `daogou train`: train the recommendation model now, in this process, and store it for every server. */
import { Command } from 'commander';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

/** The train command. */
export function trainCommand(): Command {
  return new Command('train')
    .description('train the recommendation model from the event log and catalogue, and store it')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const progress = startProgress('training', 100, '%');
        let last = '';
        const r = await engine.recommendations.train((fraction, message) => {
          last = message;
          progress.update(Math.round(fraction * 100));
        });
        progress.finish(last);
        const { model: _model, ...result } = r;
        if (opts.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        if (!r.modelId || !r.metrics) {
          console.log(`no model trained: ${r.skipped ?? 'nothing to learn from'}`);
          return;
        }
        const m = r.metrics;
        console.log(`model        ${r.modelId} (events up to seq ${r.eventSeq})`);
        console.log(
          `trained on   ${m.interactions.toLocaleString('en')} interactions, ${m.users.toLocaleString('en')} users, ${m.items.toLocaleString('en')} items`,
        );
        console.log(`validation   NDCG@10 ${m.validationNdcg === null ? 'n/a' : m.validationNdcg.toFixed(4)}`);
        console.log(
          `blend        ${Object.entries(m.weights)
            .map(([k, w]) => `${k.replace(/^\d+:/, '')}=${w}`)
            .join(' ')}`,
        );
        console.log(`took         ${m.seconds.toFixed(1)} s`);
      });
    });
}

/** `daogou assistant`: talk to the shopping assistant of a store, retrain its intents, load its FAQ. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { readExamplesFile, validateExamples, type AssistantAnswer } from '../../assistant/index.js';
import { ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

interface ChatOptions {
  session?: string;
  customer?: string;
  locale?: string;
  json?: boolean;
}

function printAnswer(answer: AssistantAnswer, json: boolean): void {
  if (json) {
    const { outcome: _outcome, ...rest } = answer;
    console.log(
      JSON.stringify({ ...rest, items: answer.items.map((i) => ({ id: i.id, title: i.title, price: i.price })) }),
    );
    return;
  }
  console.log(answer.reply);
  for (const [n, item] of answer.items.entries()) {
    console.log(`  ${n + 1}. ${item.title} (${item.id})${item.price !== null ? ` ¥${item.price}` : ''}`);
  }
}

async function turn(
  engine: Engine,
  text: string,
  sessionId: string | undefined,
  opts: ChatOptions,
): Promise<AssistantAnswer> {
  return engine.assistant.message({
    text,
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(opts.customer !== undefined ? { customerId: opts.customer } : {}),
    ...(opts.locale === 'zh' || opts.locale === 'en' ? { locale: opts.locale } : {}),
  });
}

function chatCommand(): Command {
  return new Command('chat')
    .description('one turn (the words given) or, without words, a conversation read line by line from stdin')
    .argument('[text...]', 'what the shopper writes')
    .option('--session <id>', 'continue this conversation')
    .option('--customer <id>', 'as this customer (personalised; their orders)')
    .option('--locale <zh|en>', 'reply language (default: that of the message)')
    .option('--json', 'print each answer as a JSON line')
    .action(async (words: string[], opts: ChatOptions, cmd: Command) => {
      if (opts.locale !== undefined && opts.locale !== 'zh' && opts.locale !== 'en') {
        throw new ValidationError([{ field: '--locale', message: `must be zh or en, got "${opts.locale}"` }]);
      }
      const text = words.join(' ').trim();
      await withEngine(cmd, async (engine) => {
        if (text.length > 0) {
          if (text.length > 500) throw new ValidationError([{ field: 'text', message: 'longer than 500 characters' }]);
          printAnswer(await turn(engine, text, opts.session, opts), opts.json === true);
          return;
        }
        let sessionId = opts.session;
        const lines = createInterface({ input: process.stdin, terminal: false });
        for await (const line of lines) {
          const said = line.trim().slice(0, 500);
          if (said.length === 0) continue;
          const answer = await turn(engine, said, sessionId, opts);
          sessionId = answer.sessionId;
          printAnswer(answer, opts.json === true);
        }
      });
    });
}

function trainCommand(): Command {
  return new Command('train')
    .description(
      'retrain the intent classifier on the built-in examples plus yours (CSV with text and intent columns, or JSON Lines); they replace your earlier ones',
    )
    .requiredOption('--examples <file>', 'your example utterances')
    .action(async (opts: { examples: string }, cmd: Command) => {
      const examples = await readExamplesFile(opts.examples);
      await withEngine(cmd, async (engine) => {
        // Kept with the examples added in the console, then trained on all of them.
        for (const e of examples) await engine.assistantReview.addExample(e);
        const all = (await engine.assistantReview.examples()).map((e) => ({ text: e.text, intent: e.intent }));
        const progress = startProgress('training intents', 40, 'epochs');
        const info = await engine.assistant.train(validateExamples(all), (epoch, epochs) =>
          progress.update(epoch, epochs),
        );
        progress.finish(`trained intent model ${info.id} on the built-in examples and ${info.examples} of yours`);
        console.log(info.id);
      });
    });
}

function formatOf(file: string): 'markdown' | 'csv' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.csv') return 'csv';
  throw new ValidationError([
    { field: '--file', message: `${file}: give a .md (Markdown) or .csv (question, answer) file` },
  ]);
}

function faqCommand(): Command {
  return new Command('faq')
    .description('replace the FAQ with Markdown documents (one passage per heading) or CSV (question, answer)')
    .requiredOption('--file <file...>', 'documents (.md or .csv)')
    .action(async (opts: { file: string[] }, cmd: Command) => {
      const documents: Array<{ name: string; format: 'markdown' | 'csv'; content: string }> = [];
      for (const file of opts.file) {
        if (!existsSync(file)) throw new ValidationError([{ field: '--file', message: `file not found: ${file}` }]);
        documents.push({ name: path.basename(file), format: formatOf(file), content: await readFile(file, 'utf8') });
      }
      await withEngine(cmd, async (engine) => {
        let passages: number;
        try {
          passages = await engine.assistant.setFaq(documents);
        } catch (error) {
          if (error instanceof ValidationError) throw error;
          throw new ValidationError([
            { field: '--file', message: error instanceof Error ? error.message : String(error) },
          ]);
        }
        console.log(`FAQ replaced: ${passages} passages from ${documents.length} documents`);
      });
    });
}

/** The assistant command group. */
export function assistantCommand(): Command {
  return new Command('assistant')
    .description('the shopping assistant of this store: chat, retrain its intents, load its FAQ')
    .addCommand(chatCommand())
    .addCommand(trainCommand())
    .addCommand(faqCommand());
}

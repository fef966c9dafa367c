/**
 * `daogou content generate`: copy for one stored item (--item, with its reviews) or for every item of a
 * CSV/JSONL file (--in, no database needed), one JSON line per item and kind, with progress on a terminal.
 */
import { Command } from 'commander';
import { createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  CONTENT_KINDS,
  CONTENT_LENGTHS,
  CONTENT_LOCALES,
  CONTENT_TONES,
  generateCopy,
  GroundingVocabulary,
  itemFacts,
  type ContentItem,
  type ContentKind,
  type ContentLength,
  type ContentLocale,
  type ContentTone,
} from '../../content/index.js';
import { readRecords } from '../../datasets/index.js';
import { ValidationError } from '../../domain/index.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

interface Options {
  item?: string;
  in?: string;
  kind: string;
  locale: string;
  tone: string;
  length: string;
  variants: string;
  seed: string;
  out: string;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError([{ field: flag, message: `must be one of ${allowed.join(', ')}, got "${value}"` }]);
  }
  return value as T;
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError([{ field: flag, message: `must be an integer from ${min} to ${max}, got "${value}"` }]);
  }
  return n;
}

/** Items of a CSV/TSV/JSONL file in our item layout; the first bad line stops with its number. */
async function readItems(path: string): Promise<ContentItem[]> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new ValidationError([{ field: '--in', message: `not a file: ${path}` }]);
  }
  const items: ContentItem[] = [];
  for await (const r of readRecords(path, 'items')) {
    if (r.kind === 'issue') throw new ValidationError([{ field: '--in', line: r.source.line, message: r.message }]);
    const value = r.value as Partial<ContentItem>;
    if (typeof value.title !== 'string' || value.title.length === 0) {
      throw new ValidationError([{ field: '--in', line: r.source.line, message: 'title is missing' }]);
    }
    items.push(value as ContentItem);
  }
  return items;
}

/** The `content` command. */
export function contentCommand(): Command {
  const content = new Command('content').description('copy written from the catalogue and reviews, grounded');
  content
    .command('generate')
    .description(
      'write titles, descriptions, selling points, SEO meta or marketing copy; one JSON line per item and kind',
    )
    .option('--item <id>', 'a stored item (its reviews included)')
    .option('--in <file>', 'items in a CSV/TSV/JSONL file (our item layout; no database needed)')
    .option('--kind <kinds>', `comma-separated: ${CONTENT_KINDS.join(', ')}`, 'description')
    .option('--locale <locale>', 'zh or en', 'zh')
    .option('--tone <tone>', CONTENT_TONES.join(', '), 'friendly')
    .option('--length <length>', CONTENT_LENGTHS.join(', '), 'medium')
    .option('--variants <n>', 'variants per item and kind (1–10)', '3')
    .option('--seed <n>', 'the same seed and facts give the same copy', '1')
    .requiredOption('--out <file>', 'JSON lines to write')
    .action(async (opts: Options, command: Command) => {
      if ((opts.item === undefined) === (opts.in === undefined)) {
        throw new ValidationError([{ field: '--item', message: 'give --item ID or --in FILE (one of them)' }]);
      }
      const kinds = opts.kind.split(',').map((k) => oneOf<ContentKind>('--kind', k.trim(), CONTENT_KINDS));
      const locale = oneOf<ContentLocale>('--locale', opts.locale, CONTENT_LOCALES);
      const tone = oneOf<ContentTone>('--tone', opts.tone, CONTENT_TONES);
      const length = oneOf<ContentLength>('--length', opts.length, CONTENT_LENGTHS);
      const variants = integer('--variants', opts.variants, 1, 10);
      const seed = integer('--seed', opts.seed, 0, 2 ** 31 - 1);
      // Opened at the first line, so input refused before it leaves no file behind (and no open stream).
      let out: WriteStream | undefined;
      const write = async (line: object) => {
        out ??= createWriteStream(opts.out);
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
      };
      let written = 0;
      let rejected = 0;
      if (opts.item !== undefined) {
        const itemId = opts.item;
        await withEngine(command, async (engine) => {
          const result = await engine.content.generate({
            itemId,
            kinds,
            locale,
            tone,
            length,
            variants,
            seed,
            writer: 'builtin',
          });
          for (const r of result.results) {
            rejected += r.rejected;
            written += r.variants.length;
            await write({ itemId, kind: r.kind, locale, tone, length, seed, variants: r.variants });
          }
        });
      } else {
        const items = await readItems(opts.in!);
        const vocabulary = GroundingVocabulary.fromCatalogue(items);
        const progress = startProgress('writing copy', items.length);
        for (const [i, item] of items.entries()) {
          const facts = itemFacts(item, locale);
          for (const kind of kinds) {
            const r = generateCopy(facts, { kind, tone, length, variants, seed }, vocabulary);
            rejected += r.rejected;
            written += r.variants.length;
            await write({ itemId: item.id ?? null, kind, locale, tone, length, seed, variants: r.variants });
          }
          progress.update(i + 1);
        }
        progress.finish(`${items.length} items`);
      }
      out ??= createWriteStream(opts.out);
      out.end();
      await once(out, 'finish');
      process.stderr.write(
        `${written} texts written to ${opts.out} (${rejected} candidates refused by the grounding check)\n`,
      );
    });
  return content;
}

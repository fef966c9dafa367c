/** S3-Rec Amazon review sequences (`user item item …`) → items, customers and order-preserving purchases. */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../domain/errors.js';
import { parseIssue, type ReadResult } from '../parse-issue.js';
import { readLines } from '../read-lines.js';
import {
  describedAdapter,
  requirePath,
  type AdapterOptions,
  type AdapterPaths,
  type DatasetAdapter,
} from './dataset-adapter.js';
import { parseSequenceLine, S3REC_STEP_SECONDS } from '../s3rec-sequence.js';

/** The synthetic time of a sequence's first event; later positions follow S3REC_STEP_SECONDS apart. */
export const S3REC_BASE_TIME = Date.UTC(2014, 0, 1);

async function readAttributes(path: string | undefined): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!path) return map;
  let parsed: unknown;
  try {
    // A few hundred KB for the published sets; one JSON object, so it cannot be streamed by lines.
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ValidationError([{ field: 'attributes', message: `${path}: ${(err as Error).message}` }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ValidationError([
      { field: 'attributes', message: `${path}: expected an object of item → attribute ids` },
    ]);
  for (const [item, ids] of Object.entries(parsed)) {
    map.set(item, Array.isArray(ids) ? ids.map(String) : [String(ids)]);
  }
  return map;
}

async function* read(paths: AdapterPaths, options: AdapterOptions = {}): AsyncGenerator<ReadResult> {
  const sequences = requirePath(s3recAmazon, paths, 'sequences');
  const prefix = options.idPrefix ?? 's3rec';
  const attributes = await readAttributes(paths.attributes);
  // Items come from both files: an item may lack attributes, or appear only in the attribute map.
  const itemLines = new Map<string, number>();
  const users: { id: string; line: number }[] = [];
  for await (const { line, text } of readLines(sequences)) {
    const { user, items } = parseSequenceLine(text) ?? { user: '', items: [] };
    if (!user || items.length === 0) continue;
    users.push({ id: user, line });
    for (const item of items) if (!itemLines.has(item)) itemLines.set(item, line);
  }
  for (const item of attributes.keys()) if (!itemLines.has(item)) itemLines.set(item, 0);
  const byNumber = [...itemLines.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  for (const item of byNumber) {
    const ids = attributes.get(item);
    // The format has no titles; the id stands in so that items still validate and display.
    const value: Record<string, unknown> = { id: `${prefix}-${item}`, title: `Item ${item}` };
    if (ids) value.attributes = { attributeIds: ids };
    const line = itemLines.get(item) ?? 0;
    const file = line > 0 ? sequences : (paths.attributes ?? sequences);
    yield { kind: 'items', value, source: { file, line: Math.max(line, 1) } };
  }
  for (const u of users)
    yield { kind: 'customers', value: { id: `${prefix}-${u.id}` }, source: { file: sequences, line: u.line } };
  users.length = 0;
  for await (const { line, text } of readLines(sequences)) {
    const parsed = parseSequenceLine(text);
    if (!parsed) continue;
    const { user, items } = parsed;
    if (items.length === 0) {
      yield parseIssue(sequences, line, 'a sequence line needs a user id and at least one item', 'events');
      continue;
    }
    for (let i = 0; i < items.length; i++) {
      const value = {
        id: `${prefix}-${user}-${i}`,
        type: 'purchase',
        customerId: `${prefix}-${user}`,
        itemId: `${prefix}-${items[i]}`,
        quantity: 1,
        channel: 'web',
        timestamp: S3REC_BASE_TIME + i * S3REC_STEP_SECONDS * 1000,
        // Only the order is real; consumers that care about time gaps can tell from this flag.
        properties: { syntheticTime: true, position: i },
      };
      yield { kind: 'events', value, source: { file: sequences, line } };
    }
  }
}

/** The Amazon review sequences published with S3-Rec (Beauty, Toys_and_Games, Sports_and_Outdoors, …). */
export const s3recAmazon: DatasetAdapter = describedAdapter({
  name: 's3rec-amazon',
  description:
    "S3-Rec Amazon sequences: each review is taken as a purchase, one second apart per position from 2014-01-01 so order is kept; items titled 'Item <id>' with attributes.attributeIds",
  files: [
    {
      role: 'sequences',
      defaultName: 'Beauty.txt',
      description: "one line per user: 'user item item …' in time order",
    },
    {
      role: 'attributes',
      defaultName: 'Beauty_item2attributes.json',
      description: 'JSON object: item id → list of attribute ids (brand, categories)',
      optional: true,
    },
  ],
  read,
});

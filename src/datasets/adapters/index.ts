/** Every public-format adapter, by name. */
import { cdnow } from './cdnow.js';
import type { DatasetAdapter } from './dataset-adapter.js';
import { movielens } from './movielens.js';
import { s3recAmazon } from './s3rec-amazon.js';
import { taobaoUserBehavior } from './taobao-user-behavior.js';
import { uciOnlineRetail } from './uci-online-retail.js';

/** The adapters `daogou import --format <name>` can use. */
export const ADAPTERS: readonly DatasetAdapter[] = [uciOnlineRetail, movielens, s3recAmazon, taobaoUserBehavior, cdnow];

/** The adapter with this name, or undefined. */
export function findAdapter(name: string): DatasetAdapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}

export type { AdapterFile, AdapterOptions, AdapterPaths, DatasetAdapter } from './dataset-adapter.js';

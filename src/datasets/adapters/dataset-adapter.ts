/** The shape every public-dataset adapter has: the files it reads and how it turns them into records. */
import { ValidationError } from '../../domain/errors.js';
import type { ReadResult } from '../parse-issue.js';
import { describeSource, type AdapterSourceSpec } from '../source-spec.js';

/** One file an adapter reads, by role (e.g. 'ratings'). */
export interface AdapterFile {
  role: string;
  /** The usual file name in the public distribution. */
  defaultName: string;
  description: string;
  optional?: boolean;
}

/** Paths of an adapter's files, keyed by role. */
export type AdapterPaths = Readonly<Record<string, string | undefined>>;

/** Per-dataset choices an adapter takes (the registry sets them for each dataset). */
export interface AdapterOptions {
  /** Prefix of generated ids, so several datasets can share one store. */
  idPrefix?: string;
}

/** Turns the files of one public format into records: all items, then customers, then events. */
export interface DatasetAdapter {
  name: string;
  description: string;
  files: readonly AdapterFile[];
  read(paths: AdapterPaths, options?: AdapterOptions): AsyncIterable<ReadResult>;
}

/**
 * The adapter with streams that carry their recipe (see source-spec.ts), so the importer can run it on a
 * worker thread; each adapter is defined through this.
 */
export function describedAdapter(adapter: DatasetAdapter): DatasetAdapter {
  return {
    ...adapter,
    read: (paths, options) => {
      const spec: AdapterSourceSpec = { reader: 'adapter', adapter: adapter.name, paths: { ...paths } };
      if (options) spec.options = { ...options };
      return describeSource(adapter.read(paths, options), spec);
    },
  };
}

/** The path for a role, or a validation error naming the missing file. */
export function requirePath(adapter: Pick<DatasetAdapter, 'name'>, paths: AdapterPaths, role: string): string {
  const p = paths[role];
  if (!p) throw new ValidationError([{ field: role, message: `${adapter.name} needs the ${role} file` }]);
  return p;
}

/** MovieLens ratings.csv + movies.csv → movies as items, users as customers, one rating event per rating. */
import { parseIssue, type ReadResult } from '../parse-issue.js';
import {
  describedAdapter,
  requirePath,
  type AdapterOptions,
  type AdapterPaths,
  type DatasetAdapter,
} from './dataset-adapter.js';
import { readCsvTable } from './csv-table.js';
import { numberOrText } from './fields.js';

/** The release year at the end of a MovieLens title, `Heat (1995)` → 1995, or null. */
export function movieYear(title: string): number | null {
  const m = /\((\d{4})(?:[-–]\d{0,4})?\)\s*$/.exec(title);
  return m ? Number(m[1]) : null;
}

async function* read(paths: AdapterPaths, options: AdapterOptions = {}): AsyncGenerator<ReadResult> {
  const ratings = requirePath(movielens, paths, 'ratings');
  const movies = requirePath(movielens, paths, 'movies');
  const prefix = options.idPrefix ?? 'ml';
  for await (const row of readCsvTable(movies, ['movieId', 'title', 'genres'] as const)) {
    if ('error' in row) {
      yield parseIssue(movies, row.line, row.error, 'items');
      continue;
    }
    const title = row.cell('title');
    // MovieLens writes '(no genres listed)' rather than leaving the field empty.
    const genres = row
      .cell('genres')
      .split('|')
      .filter((g) => g && g !== '(no genres listed)');
    const year = movieYear(title);
    const value: Record<string, unknown> = { id: `${prefix}-${row.cell('movieId')}`, title };
    if (genres.length > 0) Object.assign(value, { category: genres[0], tags: genres });
    if (year !== null) value.attributes = { year };
    yield { kind: 'items', value, source: { file: movies, line: row.line } };
  }
  const columns = ['userId', 'movieId', 'rating', 'timestamp'] as const;
  const users = new Map<string, number>();
  for await (const row of readCsvTable(ratings, columns)) {
    if (!('error' in row) && !users.has(row.cell('userId'))) users.set(row.cell('userId'), row.line);
  }
  for (const [user, line] of users) {
    yield { kind: 'customers', value: { id: `${prefix}-${user}` }, source: { file: ratings, line } };
  }
  users.clear();
  for await (const row of readCsvTable(ratings, columns)) {
    if ('error' in row) {
      yield parseIssue(ratings, row.line, row.error, 'events');
      continue;
    }
    const [user, movie, seconds] = [row.cell('userId'), row.cell('movieId'), row.cell('timestamp')];
    const value = {
      id: `${prefix}-${user}-${movie}-${seconds}`,
      type: 'rating',
      customerId: `${prefix}-${user}`,
      itemId: `${prefix}-${movie}`,
      rating: numberOrText(row.cell('rating')),
      channel: 'web',
      // MovieLens times are Unix seconds; the API takes milliseconds.
      timestamp: /^\d+$/.test(seconds) ? Number(seconds) * 1000 : seconds,
    };
    yield { kind: 'events', value, source: { file: ratings, line: row.line } };
  }
}

/** MovieLens (ml-latest-small and the other CSV releases). */
export const movielens: DatasetAdapter = describedAdapter({
  name: 'movielens',
  description:
    'MovieLens CSV releases: movies as items (category = first genre, tags = genres, attributes.year), users as customers, ratings as rating events',
  files: [
    { role: 'ratings', defaultName: 'ratings.csv', description: 'userId,movieId,rating,timestamp (Unix seconds)' },
    { role: 'movies', defaultName: 'movies.csv', description: "movieId,title,genres ('|'-separated)" },
  ],
  read,
});

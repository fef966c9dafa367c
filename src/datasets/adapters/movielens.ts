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

/** One row of `movies.csv`. */
export interface MovieLensMovie {
  line: number;
  movie: string;
  title: string;
  /** Genres in file order; MovieLens's '(no genres listed)' is left out. */
  genres: string[];
}

/** One row of `ratings.csv`; the time stays in the file's unit, Unix seconds (text when it is not a number). */
export interface MovieLensRating {
  line: number;
  user: string;
  movie: string;
  rating: number | string;
  seconds: number | string;
}

/** A row that could not be read, with its line. */
export type MovieLensIssue = { line: number; error: string };

/** The one parser of MovieLens `movies.csv`, shared by the importer and the offline evaluation. */
export async function* readMovieLensMovies(path: string): AsyncGenerator<MovieLensMovie | MovieLensIssue> {
  for await (const row of readCsvTable(path, ['movieId', 'title', 'genres'] as const)) {
    if ('error' in row) {
      yield row;
      continue;
    }
    const genres = row
      .cell('genres')
      .split('|')
      .filter((g) => g && g !== '(no genres listed)');
    yield { line: row.line, movie: row.cell('movieId'), title: row.cell('title'), genres };
  }
}

/** The one parser of MovieLens `ratings.csv`, shared by the importer and the offline evaluation. */
export async function* readMovieLensRatings(path: string): AsyncGenerator<MovieLensRating | MovieLensIssue> {
  for await (const row of readCsvTable(path, ['userId', 'movieId', 'rating', 'timestamp'] as const)) {
    if ('error' in row) {
      yield row;
      continue;
    }
    const seconds = row.cell('timestamp');
    yield {
      line: row.line,
      user: row.cell('userId'),
      movie: row.cell('movieId'),
      rating: numberOrText(row.cell('rating')),
      seconds: /^\d+$/.test(seconds) ? Number(seconds) : seconds,
    };
  }
}

async function* read(paths: AdapterPaths, options: AdapterOptions = {}): AsyncGenerator<ReadResult> {
  const ratings = requirePath(movielens, paths, 'ratings');
  const movies = requirePath(movielens, paths, 'movies');
  const prefix = options.idPrefix ?? 'ml';
  for await (const row of readMovieLensMovies(movies)) {
    if ('error' in row) {
      yield parseIssue(movies, row.line, row.error, 'items');
      continue;
    }
    const { title, genres } = row;
    const year = movieYear(title);
    const value: Record<string, unknown> = { id: `${prefix}-${row.movie}`, title };
    if (genres.length > 0) Object.assign(value, { category: genres[0], tags: genres });
    if (year !== null) value.attributes = { year };
    yield { kind: 'items', value, source: { file: movies, line: row.line } };
  }
  const users = new Map<string, number>();
  for await (const row of readMovieLensRatings(ratings)) {
    if (!('error' in row) && !users.has(row.user)) users.set(row.user, row.line);
  }
  for (const [user, line] of users) {
    yield { kind: 'customers', value: { id: `${prefix}-${user}` }, source: { file: ratings, line } };
  }
  users.clear();
  for await (const row of readMovieLensRatings(ratings)) {
    if ('error' in row) {
      yield parseIssue(ratings, row.line, row.error, 'events');
      continue;
    }
    const { user, movie, seconds } = row;
    const value = {
      id: `${prefix}-${user}-${movie}-${seconds}`,
      type: 'rating',
      customerId: `${prefix}-${user}`,
      itemId: `${prefix}-${movie}`,
      rating: row.rating,
      channel: 'web',
      // The one conversion: MovieLens times are Unix seconds, the API takes milliseconds.
      timestamp: typeof seconds === 'number' ? seconds * 1000 : seconds,
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

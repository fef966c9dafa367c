import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, countKinds, recordValue } from '../collect.js';
import { datasetPath, missingDatasetMessage } from '../location.js';
import { movieYear, movielens } from './movielens.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daogou-ml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('movielens', () => {
  it('maps movies, users and ratings', async () => {
    const movies = path.join(dir, 'movies.csv');
    const ratings = path.join(dir, 'ratings.csv');
    writeFileSync(
      movies,
      'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,"American President, The (1995)",Comedy|Drama\n3,Untitled,(no genres listed)\n',
    );
    writeFileSync(
      ratings,
      'userId,movieId,rating,timestamp\n7,1,4.5,964982703\n7,2,3.0,964981247\n9,1,5.0,964982224\n9\n',
    );
    const out = await collect(movielens.read({ movies, ratings }));
    expect(out.map(recordValue)).toEqual([
      {
        id: 'ml-1',
        title: 'Toy Story (1995)',
        category: 'Adventure',
        tags: ['Adventure', 'Animation'],
        attributes: { year: 1995 },
      },
      {
        id: 'ml-2',
        title: 'American President, The (1995)',
        category: 'Comedy',
        tags: ['Comedy', 'Drama'],
        attributes: { year: 1995 },
      },
      { id: 'ml-3', title: 'Untitled' },
      { id: 'ml-7' },
      { id: 'ml-9' },
      {
        id: 'ml-7-1-964982703',
        type: 'rating',
        customerId: 'ml-7',
        itemId: 'ml-1',
        rating: 4.5,
        channel: 'web',
        timestamp: 964982703000,
      },
      expect.objectContaining({ itemId: 'ml-2', rating: 3 }) as unknown,
      expect.objectContaining({ customerId: 'ml-9', rating: 5 }) as unknown,
      undefined,
    ]);
    expect(out[8]).toMatchObject({ kind: 'issue', recordKind: 'events', source: { file: ratings, line: 5 } });
  });

  it('reads the year at the end of a title', () => {
    expect(movieYear('Babylon 5')).toBeNull();
    expect(movieYear('1984 (1984)')).toBe(1984);
    expect(movieYear('Fawlty Towers (1975-1979)')).toBe(1975);
  });
});

const ml = datasetPath('movielens-latest-small');
if (!ml) console.warn(missingDatasetMessage('movielens-latest-small'));

describe.skipIf(!ml)('movielens on ml-latest-small', () => {
  it('yields every movie, user and rating', async () => {
    const files = { movies: path.join(ml ?? '', 'movies.csv'), ratings: path.join(ml ?? '', 'ratings.csv') };
    expect(await countKinds(movielens.read(files))).toEqual({ items: 9742, customers: 610, events: 100836, issue: 0 });
  });
});

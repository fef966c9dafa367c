import { describe, expect, it } from 'vitest';
import {
  compileValidator,
  CustomerInputSchema,
  EventInputSchema,
  eventRuleIssues,
  ItemInputSchema,
  type EventInput,
  type FieldIssue,
} from '../domain/index.js';
import { findAdapter } from './adapters/index.js';
import { taobaoUserBehavior } from './adapters/taobao-user-behavior.js';
import { datasetFiles } from './dataset-info.js';
import { fetchDataset, readDataset } from './fetch-dataset.js';
import { datasetPath, datasetsDir, missingDatasetMessage } from './location.js';
import type { ReadResult } from './parse-issue.js';
import { DATASETS } from './registry.js';
import { TEST_NOW } from '../../test/helpers/test-time.js';

describe('DATASETS', () => {
  it('is well formed: unique names, hex checksums, roles naming known files, zip entries', () => {
    expect(new Set(DATASETS.map((d) => d.name)).size).toBe(DATASETS.length);
    for (const d of DATASETS) {
      const names = datasetFiles(d).map((f) => f.name);
      for (const f of datasetFiles(d)) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      for (const name of Object.values(d.roles)) expect(names).toContain(name);
      for (const file of d.adapter.files.filter((f) => !f.optional)) expect(d.roles[file.role]).toBeDefined();
      for (const dl of d.downloads) {
        expect(dl.url).toMatch(/^https:\/\//);
        if (dl.archive === 'zip') for (const f of dl.files) expect(f.entry).toBeDefined();
        else expect(dl.files).toHaveLength(1);
      }
      expect(findAdapter(d.adapter.name)).toBe(d.adapter);
    }
  });
});

const validators = {
  items: compileValidator(ItemInputSchema),
  customers: compileValidator(CustomerInputSchema),
  events: compileValidator(EventInputSchema),
};

const shared = datasetPath();
const taobao = datasetPath('taobao-userbehavior-sample', 'UserBehavior_sample.csv');
if (!shared) console.warn(missingDatasetMessage(''));

// The adapters' whole point: every record of the published files passes the API's validation.
async function problemsOf(source: AsyncIterable<ReadResult>): Promise<string[]> {
  const problems: string[] = [];
  for await (const r of source) {
    let issues: FieldIssue[];
    if (r.kind === 'issue') issues = [{ field: '(line)', message: r.message }];
    else {
      issues = validators[r.kind].issues(r.value);
      if (issues.length === 0 && r.kind === 'events')
        issues = eventRuleIssues(r.value as EventInput, { now: TEST_NOW, maxFutureMs: 60_000 });
    }
    for (const i of issues) if (problems.length < 5) problems.push(`${r.source.line}: ${i.field}: ${i.message}`);
  }
  return problems;
}

describe.skipIf(!shared)('every record of the shared datasets validates', () => {
  it.each(DATASETS.map((d) => d.name))('%s', async (name) => {
    const fetched = await fetchDataset(name, { cacheDir: '/nonexistent', from: datasetsDir() });
    expect(await problemsOf(readDataset(fetched))).toEqual([]);
  });

  it.skipIf(!taobao)('taobao-userbehavior-sample (not in the registry)', async () => {
    expect(await problemsOf(taobaoUserBehavior.read({ behavior: taobao ?? '' }))).toEqual([]);
  });
});

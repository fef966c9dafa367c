/** Import: upload a CSV or JSON Lines file of items, customers or events and follow the import job. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ImportResult } from '../components/import-result.js';
import { JobStatus } from '../components/job-status.js';
import { Card, PageHeader, ProblemBox } from '../components/ui.js';
import { formatBytes } from '../format.js';
import { jobFinished, useJob } from '../hooks.js';
import type { Job } from '../types.js';

type Kind = 'items' | 'customers' | 'events';
type Format = 'csv' | 'jsonl';

const CONTENT_TYPES: Record<Format, string> = { csv: 'text/csv', jsonl: 'application/x-ndjson' };

const EXAMPLES: Record<Kind, string> = {
  items:
    'id,title,category,brand,price,currency,stock,tags,attributes.color\nsku-1,连衣裙,女装/连衣裙,云裳,199,CNY,12,summer|dress,red',
  customers: 'id,traits.name,traits.email,traits.city,consent.email\nc-1,王芳,fang@example.com,上海,true',
  events:
    'type,customerId,itemId,quantity,price,orderId,channel,timestamp\npurchase,c-1,sku-1,1,199,o-9,app,2024-03-01T10:00:00Z',
};

/** Guesses the kind and format from a file name such as events.jsonl. */
function guess(name: string): { kind?: Kind; format?: Format } {
  const lower = name.toLowerCase();
  const format: Format | undefined = /\.(jsonl|ndjson|json)$/.test(lower)
    ? 'jsonl'
    : /\.csv$/.test(lower)
      ? 'csv'
      : undefined;
  const kind = (['items', 'customers', 'events'] as const).find((k) => lower.includes(k.slice(0, -1)));
  return { ...(kind ? { kind } : {}), ...(format ? { format } : {}) };
}

/** The import page (/console/import). */
export function ImportPage(): JSX.Element {
  const [file, setFile] = useState<File>();
  const [kind, setKind] = useState<Kind>('items');
  const [format, setFormat] = useState<Format>('csv');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [uploading, setUploading] = useState(false);
  const job = useJob();
  const running = uploading || (job.job !== undefined && !jobFinished(job.job));

  const choose = (f: File | undefined) => {
    setFile(f);
    if (!f) return;
    const g = guess(f.name);
    if (g.kind) setKind(g.kind);
    if (g.format) setFormat(g.format);
  };

  const start = async () => {
    if (!file) return;
    setUploading(true);
    try {
      const created = await api<Job>('/v1/imports', {
        method: 'POST',
        query: { kind, format, skipInvalid: skipInvalid || undefined, filename: file.name },
        body: file,
        contentType: CONTENT_TYPES[format],
      });
      job.start(created);
    } catch (e) {
      job.fail(e);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div class="page">
      <PageHeader title="Import" subtitle="Load a catalogue, customers or past events from a file" />
      <div class="grid-2 wide-left">
        <Card title="Upload a file">
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              void start();
            }}
          >
            <label
              class={file ? 'dropzone has-file' : 'dropzone'}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                choose(e.dataTransfer?.files[0]);
              }}
            >
              <input
                type="file"
                accept=".csv,.jsonl,.ndjson,.json,text/csv"
                onChange={(e) => choose(e.currentTarget.files?.[0])}
                data-testid="import-file"
              />
              <strong>{file ? file.name : 'Choose a file or drop it here'}</strong>
              <span class="muted">
                {file ? formatBytes(file.size) : 'CSV with a header row, or JSON Lines (one record per line)'}
              </span>
            </label>
            <div class="form-row">
              <label class="field">
                <span>The file holds</span>
                <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)} data-testid="import-kind">
                  <option value="items">Items (catalogue)</option>
                  <option value="customers">Customers</option>
                  <option value="events">Events (behaviour, orders)</option>
                </select>
              </label>
              <label class="field">
                <span>Format</span>
                <select
                  value={format}
                  onChange={(e) => setFormat(e.currentTarget.value as Format)}
                  data-testid="import-format"
                >
                  <option value="csv">CSV</option>
                  <option value="jsonl">JSON Lines</option>
                </select>
              </label>
            </div>
            <label class="check">
              <input
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
                data-testid="import-skip-invalid"
              />
              <span>
                Skip invalid lines and list them (otherwise the first invalid line stops the import and nothing is
                stored)
              </span>
            </label>
            <div class="form-actions">
              <button type="submit" class="btn primary" disabled={!file || running} data-testid="import-start">
                {uploading ? 'Uploading…' : running ? 'Importing…' : 'Start import'}
              </button>
            </div>
            <ProblemBox error={job.error} testid="import-error" />
          </form>
          {job.job && (
            <div class="import-status">
              <JobStatus job={job.job} testid="import-progress" />
              {jobFinished(job.job) && <ImportResult job={job.job} />}
            </div>
          )}
        </Card>
        <Card title="File format" subtitle={`A ${format === 'csv' ? 'CSV' : 'JSON Lines'} file of ${kind}`}>
          {format === 'csv' ? (
            <pre class="example-file">{EXAMPLES[kind]}</pre>
          ) : (
            <pre class="example-file">{jsonlExample(kind)}</pre>
          )}
          <ul class="plain notes">
            <li>Headers name API fields; dotted headers build objects (attributes.color, traits.email).</li>
            <li>Lists (tags, images) are split on “|”; empty cells are left out.</li>
            <li>
              Items are matched by id: importing again updates them. Events with an id already stored are skipped.
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}

/** The CSV example as JSON Lines (the same records). */
function jsonlExample(kind: Kind): string {
  const [header = '', row = ''] = EXAMPLES[kind].split('\n');
  const record: Record<string, unknown> = {};
  const cells = row.split(',');
  header.split(',').forEach((h, i) => {
    const v = cells[i] ?? '';
    const value = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === 'true' ? true : v.includes('|') ? v.split('|') : v;
    const path = h.split('.');
    let target = record;
    path.slice(0, -1).forEach((p) => (target = (target[p] ??= {}) as Record<string, unknown>));
    target[path[path.length - 1]!] = value;
  });
  return JSON.stringify(record);
}

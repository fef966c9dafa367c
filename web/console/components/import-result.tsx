/** What an import did: counts per kind, duplicates, rejected lines with their fields — or why it stopped. */
import type { JSX } from 'preact';
import { formatInt, formatSeconds } from '../format.js';
import type { ImportSummary, Job } from '../types.js';

interface FailedResult {
  error?: { message: string; issues?: { line?: number; index?: number; field: string; message: string }[] };
}

/** The result panel of a finished import job. */
export function ImportResult({ job }: { job: Job }): JSX.Element {
  if (job.status !== 'done') {
    const failed = (job.result ?? {}) as FailedResult;
    const issues = failed.error?.issues ?? [];
    return (
      <div class="problem" role="alert" data-testid="import-result" data-status={job.status}>
        <strong>The import stopped; nothing was stored.</strong>
        <div class="problem-detail">{failed.error?.message ?? job.lastError ?? job.message}</div>
        {issues.length > 0 && (
          <ul>
            {issues.slice(0, 20).map((i, n) => (
              <li key={n}>
                {i.line !== undefined && <span class="muted">line {i.line}: </span>}
                <code>{i.field}</code> {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  const r = job.result as ImportSummary;
  const imported = Object.entries(r.imported ?? {}).filter(([, n]) => n > 0);
  const total = imported.reduce((s, [, n]) => s + n, 0);
  return (
    <div class="result" data-testid="import-result" data-status="done" data-imported={total} data-rejected={r.rejected}>
      <div class="result-head">
        <strong>Imported {formatInt(total)} records</strong> from {r.file} in {formatSeconds(r.elapsedMs / 1000)}
      </div>
      <div class="stat-strip">
        {imported.map(([k, n]) => (
          <div key={k}>
            <span>{k}</span>
            <strong>{formatInt(n)}</strong>
          </div>
        ))}
        <div>
          <span>lines read</span>
          <strong>{formatInt(r.read)}</strong>
        </div>
        {r.duplicateEvents > 0 && (
          <div>
            <span>duplicate events skipped</span>
            <strong>{formatInt(r.duplicateEvents)}</strong>
          </div>
        )}
        <div>
          <span>rejected</span>
          <strong class={r.rejected > 0 ? 'bad' : undefined}>{formatInt(r.rejected)}</strong>
        </div>
      </div>
      {r.rejections.length > 0 && (
        <ul class="rejections">
          {r.rejections.slice(0, 20).map((x, n) => (
            <li key={n}>
              <span class="muted">line {x.line}:</span>{' '}
              {x.issues.map((i) => (
                <span key={i.field}>
                  <code>{i.field}</code> {i.message}{' '}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

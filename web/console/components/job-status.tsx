/** A background job's state: a progress bar while it runs, then the outcome or the error. */
import type { JSX } from 'preact';
import { formatPercent } from '../format.js';
import type { Job } from '../types.js';
import { Badge, ProgressBar, type Tone } from './ui.js';

const TONES: Record<string, Tone> = {
  done: 'good',
  failed: 'bad',
  cancelled: 'warn',
  running: 'info',
  queued: 'neutral',
};
const LABELS: Record<string, string> = {
  'customers.analyse': 'Customer analytics',
  'recommend.train': 'Training',
  'recommend.evaluate': 'Evaluation',
  'data.import': 'Import',
  'forecast.run': 'Forecasting',
  'pricing.run': 'Pricing',
};

/** One job; `testid` names the progress bar. */
export function JobStatus({ job, testid }: { job: Job; testid?: string }): JSX.Element {
  const finished = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
  const progress = job.status === 'done' ? 1 : job.progress;
  return (
    <div class="job" data-job-status={job.status}>
      <div class="job-line">
        <Badge tone={TONES[job.status] ?? 'neutral'}>{job.status}</Badge>
        <span class="job-message">{describe(job)}</span>
        {progress !== null && !finished && <span class="job-pct">{formatPercent(progress, 0)}</span>}
      </div>
      {!finished || testid ? <ProgressBar value={finished ? (progress ?? 1) : progress} testid={testid} /> : null}
    </div>
  );
}

/** The job's name and what it last said (the error when it failed). */
function describe(job: Job): string {
  const label = LABELS[job.name] ?? job.name;
  const said = job.status === 'failed' ? (job.lastError ?? job.message) : job.message;
  return said && said !== job.status ? `${label}: ${said}` : label;
}

/** The segment editor: name and rule, a live preview of size and sample, rule errors pointed at their position. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { formatInt } from '../format.js';
import type { Segment } from '../types.js';
import { RuleHelp } from './rule-help.js';
import { Card, Link, ProblemBox } from './ui.js';

const EXAMPLES = [
  'bought("女装", 30d) and churn_risk > 0.6',
  'rfm.group in ("Champions", "Loyal") and orders >= 3',
  'lifecycle in ("at_risk", "lapsed") and clv > 200',
  'viewed(any, 7d) and not bought(any, 30d)',
];

/** The 0-based position a rule error names ("… at position 27"), if it names one. */
export function rulePosition(error: ApiError): number | undefined {
  const text = [error.detail, ...error.errors.map((e) => e.message)].join('\n');
  const m = /at position (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The rule error: the server's message and the rule with a caret under the position. */
function RuleError({ error, rule }: { error: ApiError; rule: string }): JSX.Element {
  const pos = rulePosition(error);
  const message = error.errors.find((e) => e.field === 'rule' || e.field.endsWith('.rule'))?.message ?? error.message;
  return (
    <div class="problem" role="alert" data-testid="segment-error">
      <strong>{error.status === 400 ? 'The rule has a problem' : error.title}</strong>
      <div class="problem-detail">{message}</div>
      {pos !== undefined && (
        <pre class="caret">
          {rule.split('\n').join(' ')}
          {'\n'}
          {' '.repeat(Math.min(pos, rule.length))}^
        </pre>
      )}
      {error.errors
        .filter((e) => e.field !== 'rule')
        .map((e, i) => (
          <div key={i} class="problem-detail">
            <code>{e.field}</code> {e.message}
          </div>
        ))}
    </div>
  );
}

/** Edits a new segment (`segment` undefined) or a saved one; `onSaved` gets the stored segment. */
export function SegmentEditor(props: {
  segment: Segment | undefined;
  onSaved: (s: Segment) => void;
  onDeleted: () => void;
}): JSX.Element {
  const { segment } = props;
  const [name, setName] = useState(segment?.name ?? '');
  const [rule, setRule] = useState(segment?.rule ?? '');
  const [preview, setPreview] = useState<{ size: number; sample: string[] }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<'preview' | 'save' | 'delete'>();

  useEffect(() => {
    setName(segment?.name ?? '');
    setRule(segment?.rule ?? '');
    setPreview(segment ? { size: segment.size, sample: [] } : undefined);
    setError(undefined);
    // Only a different segment or a saved change resets the form; a list reload must not wipe edits.
  }, [segment?.id, segment?.updatedAt]);

  const run = async (what: 'preview' | 'save' | 'delete', action: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(undefined);
    }
  };

  const doPreview = () =>
    run('preview', async () => {
      setPreview(
        await api<{ size: number; sample: string[] }>('/v1/segments/preview', {
          method: 'POST',
          body: { rule, sample: 12 },
        }),
      );
    });
  const doSave = () =>
    run('save', async () => {
      const body = { name: name.trim() || 'Untitled segment', rule };
      const saved = segment
        ? await api<Segment>(`/v1/segments/${encodeURIComponent(segment.id)}`, {
            method: 'PUT',
            body: { ...body, description: segment.description },
          })
        : await api<Segment>('/v1/segments', { method: 'POST', body });
      setPreview({ size: saved.size, sample: [] });
      props.onSaved(saved);
    });
  const doDelete = () =>
    segment &&
    confirm(`Delete the segment “${segment.name}”?`) &&
    run('delete', async () => {
      await api(`/v1/segments/${encodeURIComponent(segment.id)}`, { method: 'DELETE' });
      props.onDeleted();
    });

  const ruleError = error && (error.status === 400 || error.status === 409);
  return (
    <Card
      title={segment ? `Edit “${segment.name}”` : 'New segment'}
      subtitle="Rules read profiles, scores and recent behaviour"
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void doPreview();
        }}
      >
        <label class="field">
          <span>Name</span>
          <input
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            placeholder="e.g. Loyal fashion buyers"
            data-testid="segment-name"
          />
        </label>
        <label class="field">
          <span>Rule</span>
          <textarea
            class="code"
            rows={4}
            spellcheck={false}
            value={rule}
            onInput={(e) => setRule(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void doPreview();
            }}
            placeholder={EXAMPLES[0]}
            data-testid="segment-rule"
          />
        </label>
        <div class="examples">
          {EXAMPLES.map((x) => (
            <button type="button" key={x} class="example" onClick={() => setRule(x)}>
              {x}
            </button>
          ))}
        </div>
        <RuleHelp />
        {ruleError ? <RuleError error={error} rule={rule} /> : <ProblemBox error={error} testid="segment-error" />}
        <div class="form-actions">
          <button
            type="submit"
            class="btn"
            disabled={!rule.trim() || busy !== undefined}
            data-testid="segment-preview-button"
          >
            {busy === 'preview' ? 'Counting…' : 'Preview'}
          </button>
          <button
            type="button"
            class="btn primary"
            disabled={!rule.trim() || busy !== undefined}
            onClick={() => void doSave()}
            data-testid="segment-save-button"
          >
            {busy === 'save' ? 'Saving…' : segment ? 'Save changes' : 'Save segment'}
          </button>
          {segment && (
            <button
              type="button"
              class="btn danger ghost"
              disabled={busy !== undefined}
              onClick={() => void doDelete()}
            >
              Delete
            </button>
          )}
          {preview && (
            <span class="preview-size">
              <strong data-testid="segment-size" data-value={preview.size}>
                {formatInt(preview.size)}
              </strong>{' '}
              {preview.size === 1 ? 'customer' : 'customers'}
            </span>
          )}
        </div>
        {preview && preview.sample.length > 0 && (
          <div class="sample">
            <span class="muted">Sample:</span>{' '}
            {preview.sample.map((id) => (
              <Link key={id} to={`/customers/${encodeURIComponent(id)}`} class="chip-link">
                {id}
              </Link>
            ))}
          </div>
        )}
      </form>
    </Card>
  );
}

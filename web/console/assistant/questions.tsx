/** Unanswered questions: out-of-scope and low-confidence turns grouped by wording, each answered once. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { Badge, Card, Empty, Loading, ProblemBox } from '../components/ui.js';
import { formatAgo, formatInt } from '../format.js';
import { useResource } from '../hooks.js';
import { replaceQuery, useRoute } from '../router.js';
import { QuestionActionForm, type QuestionAction } from './question-actions.js';
import { INTENT_LABELS, REASON_LABELS, dayRange, type QuestionGroup } from './types.js';

/** The groups, the largest first, with their actions. */
export function Questions(): JSX.Element {
  const { query } = useRoute();
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [to, setTo] = useState(query.get('to') ?? '');
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<{ key: string; action: QuestionAction }>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const groups = useResource(
    (signal) =>
      api<{ groups: QuestionGroup[]; scanned: number }>('/v1/assistant/questions', {
        query: { limit: 100, ...dayRange(from, to) },
        signal,
      }),
    [from, to, version],
  );
  const setRange = (next: { from?: string; to?: string }) => {
    const all = { from, to, ...next };
    setFrom(all.from);
    setTo(all.to);
    replaceQuery('/assistant/questions', all);
  };
  const finish = (message: string) => {
    setEditing(undefined);
    setNotice(message);
    setVersion((v) => v + 1);
  };
  const dismiss = async (g: QuestionGroup) => {
    setError(undefined);
    try {
      const r = await api<{ resolved: string[] }>('/v1/assistant/turns/resolve', {
        method: 'POST',
        body: { turnIds: g.turnIds, resolution: 'dismissed' },
      });
      finish(`Dismissed ${r.resolved.length} question(s).`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    }
  };
  const list = groups.data?.groups ?? [];

  return (
    <Card
      title="Unanswered questions"
      subtitle="What the assistant could not answer (out of scope, nothing found, no FAQ passage) or was unsure about, grouped by wording"
      actions={
        <div class="filters">
          <label class="field inline-field">
            <span>From</span>
            <input type="date" value={from} onChange={(e) => setRange({ from: e.currentTarget.value })} />
          </label>
          <label class="field inline-field">
            <span>To</span>
            <input type="date" value={to} onChange={(e) => setRange({ to: e.currentTarget.value })} />
          </label>
        </div>
      }
    >
      {notice && (
        <p class="notice good" role="status" data-testid="questions-notice">
          {notice}
        </p>
      )}
      <ProblemBox error={error ?? groups.error} testid="questions-error" />
      {groups.loading && !groups.data && <Loading />}
      {groups.data && list.length === 0 && (
        <Empty>No open questions: the assistant answered everything it was asked.</Empty>
      )}
      <ul class="question-groups">
        {list.map((g) => {
          const key = g.turnIds[0] ?? g.text;
          return (
            <li key={key} class="question-group" data-testid="question-group" data-count={g.count}>
              <div class="question-head">
                <p class="question-text" data-testid="question-text">
                  {g.text}
                </p>
                <Badge tone="accent">asked {formatInt(g.count)}×</Badge>
              </div>
              <div class="badge-row">
                {Object.entries(g.reasons).map(([r, n]) => (
                  <Badge key={r} tone={r === 'low_confidence' ? 'info' : 'warn'}>
                    {REASON_LABELS[r] ?? r} {n > 1 ? `· ${n}` : ''}
                  </Badge>
                ))}
                <span class="muted small">
                  {formatInt(g.sessions)} conversation{g.sessions === 1 ? '' : 's'} · last {formatAgo(g.lastAt)} · read
                  as {INTENT_LABELS[g.intent] ?? g.intent}
                </span>
              </div>
              {g.texts.length > 1 && (
                <ul class="wordings" aria-label="Wordings">
                  {g.texts.map((w) => (
                    <li key={w.text}>
                      “{w.text}” <span class="muted small">×{w.count}</span>
                    </li>
                  ))}
                </ul>
              )}
              {editing?.key === key ? (
                <QuestionActionForm
                  group={g}
                  action={editing.action}
                  onDone={finish}
                  onCancel={() => setEditing(undefined)}
                />
              ) : (
                <div class="form-actions">
                  <button
                    type="button"
                    class="btn small primary"
                    onClick={() => setEditing({ key, action: 'faq' })}
                    data-testid="question-add-faq"
                  >
                    Add as FAQ
                  </button>
                  <button
                    type="button"
                    class="btn small"
                    onClick={() => setEditing({ key, action: 'example' })}
                    data-testid="question-add-example"
                  >
                    Add as training example
                  </button>
                  <button
                    type="button"
                    class="btn small ghost"
                    onClick={() => void dismiss(g)}
                    data-testid="question-dismiss"
                  >
                    Dismiss
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {groups.data && (
        <p class="muted small">
          {formatInt(groups.data.scanned)} open question{groups.data.scanned === 1 ? '' : 's'} read.
        </p>
      )}
    </Card>
  );
}

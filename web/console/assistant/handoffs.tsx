/** The hand-off queue: complaints and "转人工" the assistant passed to a person; open one, mark it done. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { Card, Empty, Link, Loading, ProblemBox } from '../components/ui.js';
import { formatAgo, formatDateTime } from '../format.js';
import { usePaged } from '../paged.js';
import { replaceQuery, useRoute } from '../router.js';
import { shopperLabel, type AssistantTurn } from './types.js';

/** Open hand-offs (or those done), newest first. */
export function Handoffs(): JSX.Element {
  const { query } = useRoute();
  const [status, setStatus] = useState<'open' | 'resolved'>(query.get('status') === 'resolved' ? 'resolved' : 'open');
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();
  const list = usePaged<AssistantTurn>(
    '/v1/assistant/turns',
    'turns',
    { outcome: 'handoff', status, limit: 50 },
    { version },
  );
  const choose = (s: 'open' | 'resolved') => {
    setStatus(s);
    replaceQuery('/assistant/handoffs', { status: s === 'open' ? '' : s });
  };
  const markDone = async (turn: AssistantTurn) => {
    setBusy(turn.id);
    setError(undefined);
    try {
      await api('/v1/assistant/turns/resolve', { method: 'POST', body: { turnIds: [turn.id], resolution: 'done' } });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      flush
      title="Hand-off queue"
      subtitle="Complaints and requests for a person: answer the shopper, then mark it done"
      actions={
        <div class="segmented" role="tablist" aria-label="Hand-off status">
          {(['open', 'resolved'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={s === status}
              class={s === status ? 'active' : ''}
              onClick={() => choose(s)}
              data-testid={`handoffs-${s}`}
            >
              {s === 'open' ? 'Open' : 'Done'}
            </button>
          ))}
        </div>
      }
    >
      <ProblemBox error={error ?? list.error} testid="handoffs-error" />
      <ul class="queue">
        {list.rows.map((t) => (
          <li key={t.id} class="queue-row" data-testid="handoff-row" data-turn-id={t.id}>
            <div class="queue-main">
              <p class="queue-text">{t.text}</p>
              <div class="muted small">
                <span class="mono">{shopperLabel(t)}</span> · {formatDateTime(t.createdAt)} ({formatAgo(t.createdAt)})
                {t.resolvedAt && ` · done ${formatDateTime(t.resolvedAt)}`}
              </div>
            </div>
            <div class="queue-actions">
              <Link
                to={`/assistant/conversations/${encodeURIComponent(t.sessionId)}`}
                class="btn small"
                testid="handoff-open"
              >
                Open conversation
              </Link>
              {t.resolution === null && (
                <button
                  type="button"
                  class="btn small primary"
                  disabled={busy !== undefined}
                  onClick={() => void markDone(t)}
                  data-testid="handoff-done"
                >
                  Mark done
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {list.loading && <Loading />}
      {!list.loading && list.rows.length === 0 && !list.error && (
        <Empty>{status === 'open' ? 'Nobody is waiting for a person.' : 'No hand-off has been marked done yet.'}</Empty>
      )}
      {list.hasMore && !list.loading && (
        <div class="load-more">
          <button type="button" class="btn" onClick={list.loadMore}>
            Load more
          </button>
        </div>
      )}
    </Card>
  );
}

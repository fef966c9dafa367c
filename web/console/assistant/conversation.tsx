/** One conversation: the shopper's messages and the assistant's answers, with intent, confidence, outcome and items shown. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { Badge, Card, Empty, Link, Loading, ProblemBox } from '../components/ui.js';
import { formatDateTime, formatPercent } from '../format.js';
import { useResource } from '../hooks.js';
import { INTENT_LABELS, outcomeTone, shopperLabel, type AssistantTurn } from './types.js';

function slotText(slots: Record<string, unknown>): string[] {
  return Object.entries(slots)
    .filter(([k]) => k !== 'references')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
}

/** The turns of a session, oldest first; a hand-off can be marked done here. */
export function Conversation({ sessionId }: { sessionId: string }): JSX.Element {
  const turns = useResource(
    (signal) => api<{ turns: AssistantTurn[] }>('/v1/assistant/turns', { query: { sessionId, limit: 500 }, signal }),
    [sessionId],
  );
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const rows = [...(turns.data?.turns ?? [])].reverse();
  const first = rows[0];

  const markDone = async (turn: AssistantTurn) => {
    setBusy(true);
    setError(undefined);
    try {
      await api('/v1/assistant/turns/resolve', { method: 'POST', body: { turnIds: [turn.id], resolution: 'done' } });
      turns.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Conversation"
      subtitle={
        first ? `${shopperLabel(first)} · started ${formatDateTime(first.createdAt)} · ${rows.length} turns` : sessionId
      }
      actions={
        <Link to="/assistant" class="btn small">
          All conversations
        </Link>
      }
      testid="conversation"
    >
      <ProblemBox error={error ?? turns.error} testid="conversation-error" />
      {turns.loading && !turns.data && <Loading />}
      {turns.data && rows.length === 0 && <Empty>No turns in this conversation.</Empty>}
      <ol class="transcript">
        {rows.map((t) => (
          <li key={t.id} class="transcript-turn" data-testid="conversation-turn" data-turn-id={t.id}>
            <div class="transcript-meta">
              <span class="muted small">{formatDateTime(t.createdAt)}</span>
              <Badge tone={t.intent === 'complaint' ? 'bad' : t.intent === 'out_of_scope' ? 'warn' : 'info'}>
                {INTENT_LABELS[t.intent] ?? t.intent}
              </Badge>
              {t.confidence !== null && (
                <span class="muted small" title="the classifier's probability of the intent">
                  {formatPercent(t.confidence, 0)} sure
                </span>
              )}
              <Badge tone={outcomeTone(t.outcome)}>{t.outcome}</Badge>
              {t.resolution && <Badge tone="neutral">{t.resolution}</Badge>}
            </div>
            <p class="bubble shopper" data-testid="turn-text">
              {t.text}
            </p>
            <div class="bubble assistant">
              <p data-testid="turn-reply">{t.reply}</p>
              {slotText(t.slots).length > 0 && (
                <div class="badge-row">
                  {slotText(t.slots).map((s) => (
                    <code key={s} class="slot">
                      {s}
                    </code>
                  ))}
                </div>
              )}
              {t.itemIds.length > 0 && (
                <div class="shown-items">
                  <span class="muted small">Shown:</span>
                  {t.itemIds.map((id) => (
                    <Link key={id} to={`/catalogue/${encodeURIComponent(id)}`} class="mono small">
                      {id}
                    </Link>
                  ))}
                </div>
              )}
            </div>
            {t.outcome === 'handoff' && t.resolution === null && (
              <button
                type="button"
                class="btn small primary"
                disabled={busy}
                onClick={() => void markDone(t)}
                data-testid="conversation-done"
              >
                Mark hand-off done
              </button>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}

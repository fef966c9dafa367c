/** The conversation log: sessions, the most recently active first, filtered by intent and date; each opens its turns. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { Badge, Card, Empty, Link, Loading, ProblemBox } from '../components/ui.js';
import { formatDateTime, formatInt } from '../format.js';
import { usePaged } from '../paged.js';
import { navigate, replaceQuery, useRoute } from '../router.js';
import { INTENT_LABELS, dayRange, shopperLabel, type AssistantSession } from './types.js';

/** Session filters: intent and a day range, kept in the address. */
export function ConversationLog(): JSX.Element {
  const { query } = useRoute();
  const [intent, setIntent] = useState(query.get('intent') ?? '');
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [to, setTo] = useState(query.get('to') ?? '');
  const update = (next: { intent?: string; from?: string; to?: string }) => {
    const all = { intent, from, to, ...next };
    setIntent(all.intent);
    setFrom(all.from);
    setTo(all.to);
    replaceQuery('/assistant', all);
  };
  const list = usePaged<AssistantSession>('/v1/assistant/sessions', 'sessions', {
    limit: 50,
    intent,
    ...dayRange(from, to),
  });
  const open = (s: AssistantSession) => navigate(`/assistant/conversations/${encodeURIComponent(s.sessionId)}`);

  return (
    <Card
      flush
      title="Conversations"
      subtitle="Every chat with the assistant; a row opens its turns"
      actions={
        <div class="filters">
          <label class="field inline-field">
            <span>Intent</span>
            <select value={intent} onChange={(e) => update({ intent: e.currentTarget.value })} data-testid="log-intent">
              <option value="">Any</option>
              {Object.entries(INTENT_LABELS).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label class="field inline-field">
            <span>From</span>
            <input
              type="date"
              value={from}
              onChange={(e) => update({ from: e.currentTarget.value })}
              data-testid="log-from"
            />
          </label>
          <label class="field inline-field">
            <span>To</span>
            <input
              type="date"
              value={to}
              onChange={(e) => update({ to: e.currentTarget.value })}
              data-testid="log-to"
            />
          </label>
        </div>
      }
    >
      <ProblemBox error={list.error} testid="log-error" />
      <div class="table-scroll">
        <table class="table hover">
          <thead>
            <tr>
              <th>First message</th>
              <th class="hide-sm">Shopper</th>
              <th>Intents</th>
              <th class="num">Turns</th>
              <th class="num hide-sm">Last message</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((s) => (
              <tr
                key={s.sessionId}
                class="clickable"
                data-testid="session-row"
                data-session-id={s.sessionId}
                onClick={(e) => {
                  if (!(e.target instanceof HTMLAnchorElement)) open(s);
                }}
              >
                <td>
                  <Link to={`/assistant/conversations/${encodeURIComponent(s.sessionId)}`} class="strong">
                    {s.firstText}
                  </Link>
                  <div class="badge-row">
                    {s.handoffs > 0 && <Badge tone="bad">hand-off</Badge>}
                    {s.unanswered > 0 && <Badge tone="warn">{formatInt(s.unanswered)} unanswered</Badge>}
                  </div>
                </td>
                <td class="hide-sm mono small">{shopperLabel(s)}</td>
                <td>
                  <div class="badge-row">
                    {s.intents.map((i) => (
                      <Badge key={i} tone={i === 'complaint' ? 'bad' : i === 'out_of_scope' ? 'warn' : 'info'}>
                        {INTENT_LABELS[i] ?? i}
                      </Badge>
                    ))}
                  </div>
                </td>
                <td class="num">{formatInt(s.turns)}</td>
                <td class="num hide-sm">{formatDateTime(s.lastAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.loading && <Loading />}
      {!list.loading && list.rows.length === 0 && !list.error && (
        <Empty>
          {intent || from || to
            ? 'No conversation matches these filters.'
            : 'No conversations yet: the storefront’s chat button starts one.'}
        </Empty>
      )}
      {list.hasMore && !list.loading && (
        <div class="load-more">
          <button type="button" class="btn" onClick={list.loadMore} data-testid="log-more">
            Load more
          </button>
        </div>
      )}
    </Card>
  );
}

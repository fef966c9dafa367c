/** A customer's journey messages and runs, for their page. */
import type { JSX } from 'preact';
import { api } from '../api.js';
import { Badge, Card, Empty, Link, Loading, ProblemBox, type Tone } from '../components/ui.js';
import { formatDateTime } from '../format.js';
import { useResource } from '../hooks.js';
import type { JourneyMessage } from './journey-types.js';

const TONES: Record<string, Tone> = { sent: 'good', queued: 'info', sending: 'info', skipped: 'warn', dead: 'bad' };

/** The messages card. */
export function CustomerMessages({ customerId, version }: { customerId: string; version: number }): JSX.Element {
  const data = useResource(
    (signal) =>
      api<{ runs: { journeyId: string; status: string }[]; messages: JourneyMessage[] }>(
        `/v1/journeys/customers/${encodeURIComponent(customerId)}`,
        { signal },
      ),
    [customerId, version],
  );
  const messages = data.data?.messages ?? [];
  return (
    <Card
      title="Messages"
      subtitle={data.data ? `${messages.length} messages · ${data.data.runs.length} journey runs` : undefined}
      testid="customer-messages"
      flush
    >
      <ProblemBox error={data.error} />
      {data.loading && !data.data && <Loading />}
      {data.data && messages.length === 0 && <Empty>No journey has messaged this customer.</Empty>}
      {messages.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Channel</th>
              <th>Status</th>
              <th>Content</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} data-testid="customer-message" data-status={m.status}>
                <td class="small">{formatDateTime(m.sentAt ?? m.createdAt)}</td>
                <td>{m.channel}</td>
                <td>
                  <Badge tone={TONES[m.status] ?? 'neutral'}>{m.status}</Badge>{' '}
                  {m.reason && <span class="muted small">{m.reason}</span>}
                  {m.openedAt && <span class="muted small"> · opened</span>}
                  {m.clickedAt && <span class="muted small"> · clicked</span>}
                </td>
                <td class="small">
                  <Link to={`/journeys?id=${encodeURIComponent(m.journeyId)}`}>
                    {m.content?.subject || m.content?.title || m.content?.body?.slice(0, 60) || 'webhook'}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

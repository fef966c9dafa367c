/** A saved segment's members, a page at a time, and the CSV export (fetched with the key, then saved). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, send } from '../api.js';
import { formatDate, formatInt } from '../format.js';
import { usePaged } from '../paged.js';
import type { Segment } from '../types.js';
import { Icon } from './icons.js';
import { Card, Empty, Link, Loading, ProblemBox } from './ui.js';

/** Members of one segment. */
export function SegmentMembers({ segment, version }: { segment: Segment; version: number }): JSX.Element {
  const path = `/v1/segments/${encodeURIComponent(segment.id)}/members`;
  const list = usePaged<{ customerId: string; enteredAt: string }>(path, 'members', { limit: 25 }, { version });
  const [exportError, setExportError] = useState<ApiError>();

  // A plain link cannot carry the Authorization header, so the file is fetched and handed to the browser.
  const exportCsv = async () => {
    setExportError(undefined);
    try {
      const response = await send(path, { query: { format: 'csv', limit: 100_000 } });
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `segment-${segment.name.replace(/[^\p{L}\p{N}_-]+/gu, '-')}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setExportError(e instanceof ApiError ? e : new ApiError(0, 'Export failed', String(e)));
    }
  };

  return (
    <Card
      title="Members"
      subtitle={`${formatInt(segment.size)} customers · evaluated ${formatDate(segment.evaluatedAt)}`}
      actions={
        <button type="button" class="btn small" onClick={() => void exportCsv()} data-testid="segment-export">
          <Icon name="download" size={14} /> CSV
        </button>
      }
      flush
    >
      <ProblemBox error={exportError ?? list.error} />
      <table class="table compact" data-testid="segment-members">
        <thead>
          <tr>
            <th>Customer</th>
            <th class="num">Entered</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((m) => (
            <tr key={m.customerId} data-testid="segment-member" data-customer-id={m.customerId}>
              <td>
                <Link to={`/customers/${encodeURIComponent(m.customerId)}`} class="mono">
                  {m.customerId}
                </Link>
              </td>
              <td class="num">{formatDate(m.enteredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.loading && <Loading />}
      {!list.loading && list.rows.length === 0 && !list.error && <Empty>No members right now.</Empty>}
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

/** The funnel per step (reached, messages by status, opens, clicks), exits by reason, and conversions with lift. */
import type { JSX } from 'preact';
import { Card } from '../components/ui.js';
import { formatInt, formatMoney, formatPercent } from '../format.js';
import type { JourneyStats } from './journey-types.js';

/** The funnel card. */
export function JourneyFunnel({ stats }: { stats: JourneyStats }): JSX.Element {
  const top = Math.max(1, stats.runs.entered);
  const c = stats.conversion;
  return (
    <Card
      title="Funnel"
      subtitle={`${formatInt(stats.runs.entered)} entered · ${formatInt(stats.runs.active)} in progress`}
      testid="journey-funnel"
      flush
    >
      <table class="table">
        <thead>
          <tr>
            <th>Step</th>
            <th class="num">Reached</th>
            <th class="num">Sent</th>
            <th class="num">Skipped</th>
            <th class="num">Opened</th>
            <th class="num">Clicked</th>
          </tr>
        </thead>
        <tbody>
          {stats.steps.map((s) => (
            <tr key={s.node} data-testid="funnel-row" data-node={s.node} data-entered={s.entered}>
              <td>
                <span class="funnel-bar" style={{ width: `${Math.round((s.entered / top) * 100)}%` }} />
                {s.label}
              </td>
              <td class="num">{formatInt(s.entered)}</td>
              <td class="num" data-testid="funnel-sent">
                {formatInt(s.messages.sent ?? 0)}
              </td>
              <td class="num">{formatInt(s.messages.skipped ?? 0)}</td>
              <td class="num">{formatInt(s.opened)}</td>
              <td class="num">{formatInt(s.clicked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="card-body">
        <p class="small" data-testid="journey-exits">
          Exits:{' '}
          {Object.entries(stats.runs.byReason)
            .map(([reason, n]) => `${reason} ${formatInt(n)}`)
            .join(' · ') || 'none yet'}
        </p>
        <p class="small" data-testid="journey-conversion">
          Converted ({c.event} within {Math.round(c.windowMs / 86_400_000)} days): {formatPercent(c.treated.rate)} of{' '}
          {formatInt(c.treated.runs)}, revenue {formatMoney(c.treated.revenue)}
          {c.holdout.runs > 0 &&
            ` · holdout ${formatPercent(c.holdout.rate)} of ${formatInt(c.holdout.runs)} · lift ${formatPercent(c.lift)}`}
        </p>
      </div>
    </Card>
  );
}

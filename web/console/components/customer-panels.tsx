/** The customer page's panels: profile and scores, segments, and recommendations with their reasons. */
import type { JSX } from 'preact';
import { formatAgo, formatDate, formatInt, formatMoney, formatNum, formatPercent, humanize } from '../format.js';
import type { CustomerInsight, Preference, Recommendations } from '../types.js';
import { Badge, Card, Empty, Facts, Link, Thumb, type Tone } from './ui.js';

const LIFECYCLE_TONES: Record<string, Tone> = {
  prospect: 'neutral',
  new: 'info',
  active: 'good',
  at_risk: 'warn',
  lapsed: 'bad',
  churned: 'bad',
};

function riskTone(p: number): Tone {
  return p >= 0.6 ? 'bad' : p >= 0.3 ? 'warn' : 'good';
}

/** A few weighted preferences as labelled bars. */
function Bars({ title, prefs }: { title: string; prefs: Preference[] }): JSX.Element | null {
  if (prefs.length === 0) return null;
  return (
    <div class="bars">
      <h3>{title}</h3>
      {prefs.slice(0, 4).map((p) => (
        <div class="bar-row" key={p.key}>
          <span class="bar-label" title={p.key}>
            {p.key}
          </span>
          <span class="bar-track">
            <span class="bar-fill" style={{ width: `${Math.round(p.weight * 100)}%` }} />
          </span>
          <span class="bar-value">{formatPercent(p.weight, 0)}</span>
        </div>
      ))}
    </div>
  );
}

/** Profile, RFM, CLV and churn risk. */
export function ProfilePanel({ insight, currency }: { insight: CustomerInsight; currency: string }): JSX.Element {
  const { profile: p, scores: s } = insight;
  const lifecycle = <Badge tone={LIFECYCLE_TONES[p.lifecycle] ?? 'neutral'}>{humanize(p.lifecycle)}</Badge>;
  return (
    <Card title="Profile" subtitle={`Updated ${formatAgo(p.updatedAt)}`} testid="customer-profile">
      <div class="stat-strip">
        <div>
          <span>Lifecycle</span>
          <strong data-testid="profile-lifecycle" data-value={p.lifecycle}>
            {lifecycle}
          </strong>
        </div>
        <div>
          <span>Orders</span>
          <strong data-testid="profile-orders" data-value={p.orders}>
            {formatInt(p.orders)}
          </strong>
        </div>
        <div>
          <span>Revenue</span>
          <strong data-testid="profile-revenue" data-value={p.revenue}>
            {formatMoney(p.revenue, currency)}
          </strong>
        </div>
        <div>
          <span>Avg. order</span>
          <strong>{formatMoney(p.averageOrderValue, currency)}</strong>
        </div>
      </div>
      {s ? (
        <Facts
          rows={[
            [
              'RFM',
              s.rfm ? (
                <>
                  <Badge tone="accent">{s.rfm.group}</Badge>{' '}
                  <span class="mono">
                    R{s.rfm.r} F{s.rfm.f} M{s.rfm.m}
                  </span>
                </>
              ) : (
                '—'
              ),
              'profile-rfm',
            ],
            ['Predicted CLV', formatMoney(s.predictedClv, currency), 'profile-clv'],
            [
              'Churn risk',
              s.churnRisk === null ? '—' : <Badge tone={riskTone(s.churnRisk)}>{formatPercent(s.churnRisk, 0)}</Badge>,
              'profile-churn',
            ],
            ['P(alive)', formatPercent(s.pAlive, 0)],
            ['Expected purchases', formatNum(s.expectedPurchases, 2)],
            ['Next order', s.nextOrderAt ? formatDate(s.nextOrderAt) : '—'],
            ['Cluster', s.cluster === null ? '—' : `#${s.cluster}`],
            ['Scored', formatAgo(s.computedAt)],
          ]}
        />
      ) : (
        <p class="note">
          No RFM, CLV or churn scores yet: they appear after the customer analytics run (daily, or start one on the
          Segments page).
        </p>
      )}
      <Facts
        rows={[
          ['First seen', formatDate(p.firstSeen)],
          ['Last seen', formatAgo(p.lastSeen)],
          ['Last order', p.lastOrder ? `${formatDate(p.lastOrder)} (${formatInt(p.daysSinceLastOrder)} days)` : '—'],
          ['Channels', p.channels.join(', ') || '—'],
        ]}
      />
      <div class="bars-grid">
        <Bars title="Categories" prefs={p.categories} />
        <Bars title="Brands" prefs={p.brands} />
        <Bars title="Price bands" prefs={p.priceBands} />
      </div>
    </Card>
  );
}

/** The segments the customer is in. */
export function SegmentsPanel({ insight }: { insight: CustomerInsight }): JSX.Element {
  return (
    <Card title="Segments" testid="customer-segments">
      {insight.segments.length === 0 ? (
        <Empty>In no saved segment.</Empty>
      ) : (
        <ul class="chips">
          {insight.segments.map((s) => (
            <li
              key={s.id}
              class="chip"
              data-testid="customer-segment"
              data-segment-id={s.id}
              title={`since ${formatDate(s.enteredAt)}`}
            >
              <Link to={`/segments?id=${encodeURIComponent(s.id)}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The customer's recommendations with the reasons the engine gives. */
export function RecommendationsPanel({ recs, currency }: { recs: Recommendations; currency: string }): JSX.Element {
  return (
    <Card
      title="Recommendations"
      subtitle={
        recs.model ? `Model trained ${formatAgo(recs.model.trainedAt)}` : 'Popularity only: no model trained yet'
      }
      testid="customer-recommendations"
      flush
    >
      {recs.items.length === 0 && <Empty>Nothing to recommend.</Empty>}
      <ol class="recs">
        {recs.items.map((r, i) => (
          <li key={r.id} class="rec" data-testid="rec-item" data-item-id={r.id}>
            <span class="rec-rank">{i + 1}</span>
            <Thumb src={r.item.images[0]} title={r.item.title} />
            <div class="rec-main">
              <div class="rec-title" title={r.item.title}>
                {r.item.title}
              </div>
              <div class="rec-meta">
                {r.item.category ?? '—'} · {formatMoney(r.item.price, r.item.currency ?? currency)}
              </div>
              <div class="rec-reasons" data-testid="rec-reason">
                {r.reasons.map((x) => x.text).join(' · ') || 'for you'}
              </div>
            </div>
            <span class="rec-score" title="score">
              {r.score.toFixed(3)}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

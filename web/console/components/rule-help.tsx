/** A folded reference of the segment rule language (fields and functions), from docs/customers.md. */
import type { JSX } from 'preact';

const FIELDS: [string, string][] = [
  ['orders, revenue, aov', 'order count, total revenue, average order value'],
  ['days_since_last_order, days_since_first_seen', 'days (no orders: Infinity)'],
  ['lifecycle', '"prospect", "new", "active", "at_risk", "lapsed", "churned"'],
  ['rfm.group, rfm.r, rfm.f, rfm.m', 'RFM group name and scores'],
  ['churn_risk, p_alive', 'probabilities 0..1'],
  ['clv, expected_purchases', 'predicted over the CLV horizon'],
  ['top_category, top_brand, price_band, cluster', 'strongest preferences, cluster id'],
];

const FUNCTIONS: [string, string][] = [
  ['bought(s | any, 30d)', 'bought the category or brand within the window'],
  ['viewed(s | any, 14d), carted(s | any, 7d)', 'viewed or clicked; added to cart'],
  ['affinity.category(s), affinity.brand(s)', 'share of interest 0..1'],
  ['used_channel("app")', 'has any event on the channel'],
];

/** The reference, closed by default. */
export function RuleHelp(): JSX.Element {
  return (
    <details class="rule-help">
      <summary>Rule reference</summary>
      <p class="muted small">
        Combine with <code>and</code>, <code>or</code>, <code>not</code> and parentheses; compare with{' '}
        <code>= != &lt; &lt;= &gt; &gt;=</code> or <code>in ("a", "b")</code>. Durations: <code>12h</code>,{' '}
        <code>30d</code>, <code>2w</code>.
      </p>
      <table class="table compact">
        <tbody>
          {[...FIELDS, ...FUNCTIONS].map(([name, meaning]) => (
            <tr key={name}>
              <td>
                <code>{name}</code>
              </td>
              <td class="muted">{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

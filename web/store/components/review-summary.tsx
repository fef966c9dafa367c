/** What customers say about a product: share of positive reviews, praised and criticised aspects with quotes. */
import type { ItemReviewSummary, ReviewAspectSummary } from '@daogou/sdk';
import { useI18n, type Translate } from '../lib/i18n.js';
import { useAsync } from '../lib/use-async.js';

type AspectKey = Extract<Parameters<Translate>[0], `aspect_${string}`>;

function AspectLine({ aspect, side, t }: { aspect: ReviewAspectSummary; side: 'positive' | 'negative'; t: Translate }) {
  const part = aspect[side];
  return (
    <li data-testid={`review-aspect-${side}`}>
      <strong>{t(`aspect_${aspect.aspect}` as AspectKey)}</strong> <span class="muted">({part.reviews})</span>
      {part.quotes[0] && <q>{part.quotes[0]}</q>}
    </li>
  );
}

function Summary({ summary }: { summary: ItemReviewSummary }) {
  const { t } = useI18n();
  const byName = new Map(summary.aspects.aspects.map((a) => [a.aspect, a]));
  const pros = summary.aspects.pros.map((a) => byName.get(a)).filter((a) => a !== undefined);
  const cons = summary.aspects.cons.map((a) => byName.get(a)).filter((a) => a !== undefined);
  return (
    <section class="review-summary" data-testid="review-summary">
      <h2>{t('reviewsTitle')}</h2>
      <p>
        {t('reviewsCount', { n: summary.reviews })}
        {summary.positiveShare !== null && (
          <> · {t('reviewsPositive', { p: Math.round(summary.positiveShare * 100) })}</>
        )}
      </p>
      {pros.length > 0 && (
        <>
          <h3>{t('reviewsPros')}</h3>
          <ul>
            {pros.slice(0, 4).map((a) => (
              <AspectLine key={a.aspect} aspect={a} side="positive" t={t} />
            ))}
          </ul>
        </>
      )}
      {cons.length > 0 && (
        <>
          <h3>{t('reviewsCons')}</h3>
          <ul>
            {cons.slice(0, 3).map((a) => (
              <AspectLine key={a.aspect} aspect={a} side="negative" t={t} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The review panel of a product page; hidden while loading, on error and for items without reviews. */
export function ReviewSummary({ id }: { id: string }) {
  const state = useAsync((client, signal) => client.reviewSummary(id, { signal }), [id]);
  if (!state.data || state.data.reviews === 0) return null;
  return <Summary summary={state.data} />;
}

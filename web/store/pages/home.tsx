/** The home page: a greeting, "for you", trending, and a shelf per department ordered by the visitor's taste. */
import type { Recommendations } from '@daogou/sdk';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Shelf } from '../components/shelf.js';
import { useCategoryName } from '../lib/categories.js';
import { connection$, identity$ } from '../lib/client.js';
import { useDepartments } from '../lib/departments.js';
import { startHomeLists, tasteOf } from '../lib/home-lists.js';
import { useI18n } from '../lib/i18n.js';
import { useObservable } from '../lib/observable.js';
import { categoryUrl } from '../lib/router.js';
import { describeShopper } from '../lib/shoppers.js';

const CATEGORY_SHELVES = 6;

/** Whether a personal list is really personal (not the popularity fallback for a visitor with no history). */
function isPersonal(list: Recommendations): boolean {
  return list.items.some((r) => r.reasons.some((reason) => reason.type === 'because-you' || reason.type === 'for-you'));
}

function Hero() {
  const { lang, t } = useI18n();
  const categoryName = useCategoryName(lang);
  const connection = useObservable(connection$);
  const { shopperId } = useObservable(identity$);
  const shopper =
    connection.status === 'ready' ? connection.config.shoppers.find((s) => s.id === shopperId) : undefined;
  const name = shopper?.name ?? shopperId;
  return (
    <section class="hero">
      <div>
        <h1 class="hero-title">{name ? t('greetingShopper', { name }) : t('greetingAnonymous')}</h1>
        <p class="hero-text">{name ? t('heroShopper', { name }) : t('heroAnonymous')}</p>
      </div>
      {shopper?.description && <p class="hero-chip">{describeShopper(shopper.description, lang, categoryName)}</p>}
    </section>
  );
}

/** The home page. */
export function HomePage() {
  const { lang, t } = useI18n();
  const categoryName = useCategoryName(lang);
  const { shopperId, version } = useObservable(identity$);
  const departments = useDepartments();
  const identified = shopperId !== null;
  // Every list of the page starts at once; a switch of identity starts them again.
  const lists = useMemo(() => startHomeLists(identified), [version]);
  const [taste, setTaste] = useState<string[] | null>(null);

  useEffect(() => {
    setTaste(null);
    let live = true;
    void tasteOf(lists).then((departmentsByTaste) => live && setTaste(departmentsByTaste));
    return () => {
      live = false;
    };
  }, [lists]);

  // Department shelves load while "for you" decides their order.
  useEffect(() => {
    for (const department of departments.slice(0, 10)) void lists.department(department);
  }, [lists, departments]);

  const ordered =
    taste === null
      ? []
      : [...taste.filter((d) => departments.includes(d)), ...departments.filter((d) => !taste.includes(d))];

  return (
    <div class="container page">
      <Hero />
      <Shelf
        testId="shelf-for-you"
        surface="for-you"
        title={t('forYou')}
        describe={(list) =>
          isPersonal(list) ? (identified ? t('forYouShopper') : t('forYouAnonymous')) : t('forYouStart')
        }
        showReasons
        deps={[lists]}
        load={() => lists.forYou}
      />
      <Shelf
        testId="shelf-trending"
        surface="trending"
        title={t('trending')}
        subtitle={t('trendingHint')}
        deps={[lists]}
        load={() => lists.trending}
      />
      {ordered.slice(0, CATEGORY_SHELVES).map((department) => (
        <Shelf
          key={department}
          testId="shelf-category"
          surface={identified ? 'category-for-you' : 'category-trending'}
          title={categoryName(department)}
          more={{ href: categoryUrl(department), label: t('seeAll') }}
          deps={[lists, department]}
          hideWhenEmpty
          load={() => lists.department(department)}
        />
      ))}
    </div>
  );
}

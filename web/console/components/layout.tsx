/** The console frame: a sidebar with the sections (a scrolling strip on phones) and the page area. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { Icon, type IconName } from './icons.js';
import { Link } from './ui.js';

interface Section {
  id: string;
  path: string;
  label: string;
  icon: IconName;
}

/** The console's sections in sidebar order; `id` names the test id (nav-<id>). */
export const SECTIONS: readonly Section[] = [
  { id: 'overview', path: '/', label: 'Overview', icon: 'overview' },
  { id: 'catalogue', path: '/catalogue', label: 'Catalogue', icon: 'catalogue' },
  { id: 'customers', path: '/customers', label: 'Customers', icon: 'customers' },
  { id: 'recommendations', path: '/recommendations', label: 'Recommendations', icon: 'recommendations' },
  { id: 'search', path: '/search', label: 'Search', icon: 'search' },
  { id: 'segments', path: '/segments', label: 'Segments', icon: 'segments' },
  { id: 'experiments', path: '/experiments', label: 'Experiments', icon: 'experiments' },
  { id: 'journeys', path: '/journeys', label: 'Journeys', icon: 'segments' },
  { id: 'assistant', path: '/assistant', label: 'Assistant', icon: 'assistant' },

  { id: 'forecasts', path: '/forecasts', label: 'Forecasts', icon: 'overview' },
  { id: 'vision', path: '/vision', label: 'Vision', icon: 'search' },
  { id: 'content', path: '/content', label: 'Content', icon: 'catalogue' },
  { id: 'import', path: '/import', label: 'Import', icon: 'import' },
  { id: 'connectors', path: '/connectors', label: 'Connectors', icon: 'connectors' },
  { id: 'keys', path: '/keys', label: 'API keys', icon: 'keys' },
];

/** Which section a path belongs to (the customer page highlights Customers). */
export function sectionOf(path: string): string {
  const first = path.split('/').filter(Boolean)[0];
  if (first === undefined || first === 'overview') return 'overview';
  return SECTIONS.find((s) => s.path === `/${first}`)?.id ?? '';
}

/** Sidebar, top bar and content. */
export function Layout(props: { path: string; onSignOut: () => void; children: ComponentChildren }): JSX.Element {
  const active = sectionOf(props.path);
  useEffect(() => {
    // On phones the nav is a scrolling strip: bring the current section into view.
    document.querySelector('.nav-link.active')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [active]);
  return (
    <div class="shell">
      <aside class="sidebar">
        <Link to="/" class="brand">
          <span class="brand-mark" aria-hidden="true">
            导
          </span>
          <span class="brand-text">
            <strong>Daogou</strong>
            <small>导购 · Console</small>
          </span>
        </Link>
        <nav class="nav" aria-label="Sections">
          {SECTIONS.map((s) => (
            <Link
              key={s.id}
              to={s.path}
              class={s.id === active ? 'nav-link active' : 'nav-link'}
              testid={`nav-${s.id}`}
              title={s.label}
            >
              <Icon name={s.icon} size={18} />
              <span>{s.label}</span>
            </Link>
          ))}
        </nav>
        <div class="sidebar-foot">
          <a class="nav-link subtle" href="/docs" target="_blank" rel="noreferrer">
            <span>API docs ↗</span>
          </a>
          <a class="nav-link subtle" href="/store/" target="_blank" rel="noreferrer">
            <span>Demo store ↗</span>
          </a>
          <button type="button" class="nav-link subtle signout" onClick={props.onSignOut} data-testid="sign-out">
            <Icon name="logout" size={18} />
            <span>Sign out</span>
          </button>
        </div>
      </aside>
      <main class="content">{props.children}</main>
    </div>
  );
}

/** A console path that names no page. */
import type { JSX } from 'preact';
import { Card, Link, PageHeader } from '../components/ui.js';

/** The not-found page. */
export function NotFoundPage(): JSX.Element {
  return (
    <div class="page">
      <PageHeader title="Page not found" />
      <Card>
        <p>
          There is no console page at <code>{location.pathname}</code>. <Link to="/">Go to the overview</Link>.
        </p>
      </Card>
    </div>
  );
}

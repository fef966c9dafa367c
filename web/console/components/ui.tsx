/** Small building blocks shared by the pages: cards, badges, problem boxes, links, progress, empty states. */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { BASE, onLinkClick } from '../router.js';

/** An in-app link to a console path (a real href, so "open in new tab" works). */
export function Link(props: {
  to: string;
  class?: string;
  children: ComponentChildren;
  testid?: string;
  title?: string;
}): JSX.Element {
  return (
    <a
      href={`${BASE}${props.to}`}
      class={props.class}
      title={props.title}
      data-testid={props.testid}
      onClick={(e) => onLinkClick(e, props.to)}
    >
      {props.children}
    </a>
  );
}

/** A white panel with an optional title row and actions. */
export function Card(props: {
  title?: ComponentChildren;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  class?: string;
  testid?: string;
  flush?: boolean;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <section class={`card ${props.class ?? ''}`} data-testid={props.testid}>
      {(props.title !== undefined || props.actions !== undefined) && (
        <header class="card-head">
          <div>
            {props.title !== undefined && <h2 class="card-title">{props.title}</h2>}
            {props.subtitle !== undefined && <p class="card-sub">{props.subtitle}</p>}
          </div>
          {props.actions !== undefined && <div class="card-actions">{props.actions}</div>}
        </header>
      )}
      <div class={props.flush ? 'card-body flush' : 'card-body'}>{props.children}</div>
    </section>
  );
}

/** The title row of a page. */
export function PageHeader(props: {
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
}): JSX.Element {
  return (
    <div class="page-head">
      <div>
        <h1>{props.title}</h1>
        {props.subtitle !== undefined && <p class="page-sub">{props.subtitle}</p>}
      </div>
      {props.actions !== undefined && <div class="page-actions">{props.actions}</div>}
    </div>
  );
}

/** Badge tones. */
export type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info' | 'accent';

/** A small coloured label. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ComponentChildren }): JSX.Element {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** An API problem: title, detail and each field error, as the server phrased them. */
export function ProblemBox({ error, testid }: { error: ApiError | undefined; testid?: string }): JSX.Element | null {
  if (!error) return null;
  return (
    <div class="problem" role="alert" data-testid={testid}>
      <strong>{error.title}</strong>
      {error.detail && error.detail !== error.title && <div class="problem-detail">{error.detail}</div>}
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((e, i) => (
            <li key={i}>
              <code>{e.index !== undefined ? `[${e.index}].${e.field}` : e.field}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A placeholder while data loads. */
export function Loading({ label = 'Loading…' }: { label?: string }): JSX.Element {
  return (
    <div class="loading">
      <span class="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

/** A quiet message where a list or chart has nothing to show. */
export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <div class="empty">{children}</div>;
}

/** A determinate progress bar (0..1), or an indeterminate one for null. */
export function ProgressBar({ value, testid }: { value: number | null; testid?: string }): JSX.Element {
  const pct = value === null ? null : Math.max(0, Math.min(1, value));
  return (
    <div
      class={pct === null ? 'progress indeterminate' : 'progress'}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct * 100)}
      data-testid={testid}
      data-progress={pct ?? 0}
    >
      <div class="progress-fill" style={{ width: pct === null ? undefined : `${pct * 100}%` }} />
    </div>
  );
}

/** A label/value list for profile-like facts. */
export function Facts({ rows }: { rows: [ComponentChildren, ComponentChildren, string?][] }): JSX.Element {
  return (
    <dl class="facts">
      {rows.map(([label, value, testid], i) => (
        <div class="fact" key={i} data-testid={testid}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An item picture, or a lettered tile when there is none or it fails to load. */
export function Thumb({ src, title, size }: { src: string | undefined; title: string; size?: 'large' }): JSX.Element {
  const [failed, setFailed] = useState(false);
  const cls = size === 'large' ? 'thumb large' : 'thumb';
  if (!src || failed) {
    return (
      <span class={`${cls} placeholder`} aria-hidden="true">
        {Array.from(title.trim())[0] ?? '?'}
      </span>
    );
  }
  return <img class={cls} src={src} alt="" loading="lazy" onError={() => setFailed(true)} />;
}

/** One generated text on the Content page: its grounding shown inline, editable (re-checked), copied, saved and decided. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { Badge, ProblemBox } from './ui.js';

/** The grounding report of a text, as /v1/content/check and /generate give it. */
export interface Grounding {
  grounded: boolean;
  mentions: { type: string; text: string; start: number; end: number; grounded: boolean; source: string }[];
  problems: string[];
}

/** A generated variant. */
export interface Variant {
  id: string;
  kind: string;
  locale: 'zh' | 'en';
  tone: string;
  length: string;
  text: string;
  source: 'builtin' | 'llm';
  grounding: Grounding;
}

/** A saved draft. */
export interface Draft {
  id: string;
  itemId: string;
  kind: string;
  locale: string;
  text: string;
  source: string;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
}

/** The text with every fact-like span marked: backed spans name their source, refused ones say why. */
export function GroundedText(props: { text: string; grounding: Grounding }): JSX.Element {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  // Mentions can nest (a number inside an attribute value); show the outermost, first one.
  for (const m of [...props.grounding.mentions].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start < at || m.end > props.text.length) continue;
    if (m.start > at) parts.push(props.text.slice(at, m.start));
    parts.push(
      <mark
        key={m.start}
        class={m.grounded ? 'grounded' : 'refused'}
        title={m.grounded ? `Backed by ${m.source}` : `Not backed: ${m.source}`}
        data-testid={m.grounded ? 'grounded-span' : 'refused-span'}
        data-source={m.source}
      >
        {props.text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  parts.push(props.text.slice(at));
  return <p class="content-text">{parts}</p>;
}

/** A variant's card: text with its marks, an editor checked against the item, copy, draft, accept and reject. */
export function VariantCard(props: {
  variant: Variant;
  index: number;
  itemId: string;
  onDecided: () => void;
}): JSX.Element {
  const v = props.variant;
  const [text, setText] = useState(v.text);
  const [report, setReport] = useState<Grounding>(v.grounding);
  const [checked, setChecked] = useState(v.text);
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<ApiError>();
  const [note, setNote] = useState('');
  const edited = text !== v.text;
  const stale = text !== checked;
  const label = `Variant ${props.index + 1}`;

  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    setNote('');
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    }
  };
  const check = () =>
    run(async () => {
      const body = { itemId: props.itemId, locale: v.locale, text };
      setReport(await api<Grounding>('/v1/content/check', { method: 'POST', body }));
      setChecked(text);
    });
  const save = async (): Promise<Draft> => {
    if (draft && draft.text === text) return draft;
    const body = {
      itemId: props.itemId,
      kind: v.kind,
      locale: v.locale,
      tone: v.tone,
      length: v.length,
      text,
      source: edited ? 'edited' : v.source,
    };
    const saved = await api<Draft>('/v1/content/drafts', { method: 'POST', body });
    setDraft(saved);
    return saved;
  };
  const decide = (decision: 'accept' | 'reject') =>
    run(async () => {
      const saved = await save();
      setDraft(await api<Draft>(`/v1/content/drafts/${encodeURIComponent(saved.id)}/${decision}`, { method: 'POST' }));
      props.onDecided();
    });
  const copy = () =>
    run(async () => {
      await navigator.clipboard.writeText(text);
      setNote('Copied.');
    });
  const decided = draft !== undefined && draft.status !== 'pending' && draft.text === text;

  return (
    <li class="content-variant" data-testid="content-variant" data-variant-id={v.id}>
      <div class="content-variant-head">
        <strong>{label}</strong>
        {stale ? (
          <Badge tone="warn">edited, not checked</Badge>
        ) : report.grounded ? (
          <Badge tone="good">grounded</Badge>
        ) : (
          <Badge tone="bad">not grounded</Badge>
        )}
        {edited && <Badge>edited</Badge>}
        {draft && <Badge tone={draft.status === 'rejected' ? 'bad' : 'info'}>{`draft ${draft.status}`}</Badge>}
      </div>
      <GroundedText text={checked} grounding={report} />
      {report.problems.length > 0 && !stale && (
        <ul class="content-problems" data-testid="content-problems" aria-label={`${label}: problems`}>
          {report.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <label class="field">
        <span>{`Edit ${label.toLowerCase()}`}</span>
        <textarea
          rows={v.kind === 'description' || v.kind === 'selling_points' || v.kind === 'social' ? 5 : 2}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          data-testid="variant-editor"
        />
      </label>
      <div class="form-actions">
        <button
          type="button"
          class="btn small"
          disabled={!stale}
          onClick={() => void check()}
          data-testid="variant-check"
        >
          Check edit
        </button>
        <button type="button" class="btn small" onClick={() => void copy()} data-testid="variant-copy">
          Copy
        </button>
        <button
          type="button"
          class="btn small"
          disabled={decided}
          onClick={() => void run(async () => void (await save()))}
          data-testid="variant-save"
        >
          Save draft
        </button>
        <button
          type="button"
          class="btn small primary"
          disabled={decided}
          onClick={() => void decide('accept')}
          data-testid="variant-accept"
        >
          Accept
        </button>
        <button
          type="button"
          class="btn small danger ghost"
          disabled={decided}
          onClick={() => void decide('reject')}
          data-testid="variant-reject"
        >
          Reject
        </button>
        <span class="muted small" role="status">
          {note}
        </span>
      </div>
      <ProblemBox error={error} testid="variant-problem" />
    </li>
  );
}

/** What the merchant does with a group of unanswered questions: answer it as a FAQ passage or keep it as a training example. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { ProblemBox } from '../components/ui.js';
import { INTENT_LABELS, type QuestionGroup } from './types.js';

/** The form's kind. */
export type QuestionAction = 'faq' | 'example';

/** An inline form under a group; `onDone` gets a line saying what happened. */
export function QuestionActionForm(props: {
  group: QuestionGroup;
  action: QuestionAction;
  onDone: (message: string) => void;
  onCancel: () => void;
}): JSX.Element {
  const { group, action } = props;
  // Every wording on its own line: the assistant matches a new message against each of them.
  const [question, setQuestion] = useState(() => group.texts.map((t) => t.text).join('\n'));
  const [answer, setAnswer] = useState('');
  const [text, setText] = useState(group.text);
  const [intent, setIntent] = useState(group.intent in INTENT_LABELS ? group.intent : 'out_of_scope');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (action === 'faq') {
        const r = await api<{ resolved: string[] }>('/v1/assistant/faq/passages', {
          method: 'POST',
          body: { question, answer, turnIds: group.turnIds },
        });
        props.onDone(`Added to the FAQ; ${r.resolved.length} question(s) answered. The assistant uses it from now on.`);
      } else {
        const r = await api<{ resolved: string[] }>('/v1/assistant/examples', {
          method: 'POST',
          body: { text, intent, turnIds: group.turnIds },
        });
        props.onDone(
          `Kept “${text}” as an example of ${INTENT_LABELS[intent] ?? intent}; ${r.resolved.length} question(s) resolved.`,
        );
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Unexpected error', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form question-form" onSubmit={(e) => void save(e)} data-testid={`question-${action}-form`}>
      {action === 'faq' ? (
        <>
          <label class="field">
            <span>Question (one wording per line)</span>
            <textarea
              rows={Math.min(4, group.texts.length + 1)}
              value={question}
              onInput={(e) => setQuestion(e.currentTarget.value)}
              data-testid="faq-question"
            />
          </label>
          <label class="field">
            <span>Answer the assistant will give</span>
            <textarea
              rows={3}
              value={answer}
              onInput={(e) => setAnswer(e.currentTarget.value)}
              required
              data-testid="faq-answer"
            />
          </label>
        </>
      ) : (
        <div class="form-row">
          <label class="field">
            <span>Example utterance</span>
            <input value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="example-text" />
          </label>
          <label class="field">
            <span>Intent it should be</span>
            <select value={intent} onChange={(e) => setIntent(e.currentTarget.value)} data-testid="example-intent">
              {Object.entries(INTENT_LABELS).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <ProblemBox error={error} testid="question-error" />
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={busy} data-testid="question-save">
          {action === 'faq' ? 'Add to FAQ' : 'Add training example'}
        </button>
        <button type="button" class="btn ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

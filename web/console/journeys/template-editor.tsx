/**
 * The message template editor: subject, HTML and text in Liquid, with a live preview rendered by the server
 * for a chosen customer (their traits, locale and product blocks), and saving as a stored template.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { Card, ProblemBox } from '../components/ui.js';
import { useDebounced, useResource } from '../hooks.js';
import type { Rendered } from './journey-types.js';

const START = {
  subject: 'Still thinking it over, {{ customer.traits.name | default: "friend" }}?',
  html: '<p>Your cart is waiting.</p>\n{{ cart | product_block }}\n{{ recommendations | product_block }}',
  text: 'Your cart is waiting: {{ cart | product_list }}',
};

/** The editor card. */
export function TemplateEditor(props: { customerId?: string }): JSX.Element {
  const [name, setName] = useState('cart-reminder');
  const [subject, setSubject] = useState(START.subject);
  const [html, setHtml] = useState(START.html);
  const [text, setText] = useState(START.text);
  const [customerId, setCustomerId] = useState(props.customerId ?? '');
  const [itemId, setItemId] = useState('');
  const [saved, setSaved] = useState<string>();
  const [saveError, setSaveError] = useState<ApiError>();
  const content = useDebounced({ subject, html, text }, 300);
  const who = useDebounced(customerId.trim(), 300);
  const item = useDebounced(itemId.trim(), 300);
  const preview = useResource(
    (signal) =>
      who
        ? api<Rendered>('/v1/message-templates/render', {
            method: 'POST',
            body: { content, customerId: who, trigger: item ? { itemId: item } : {} },
            signal,
          })
        : Promise.resolve(undefined),
    [content.subject, content.html, content.text, who, item],
  );
  const save = async () => {
    setSaved(undefined);
    setSaveError(undefined);
    try {
      const existing = await api<{ templates: { id: string; name: string }[] }>('/v1/message-templates');
      const id = existing.templates.find((t) => t.name === name)?.id;
      await api(id ? `/v1/message-templates/${encodeURIComponent(id)}` : '/v1/message-templates', {
        method: id ? 'PUT' : 'POST',
        body: { name, channel: 'email', content: { subject, html, text } },
      });
      setSaved(name);
    } catch (error) {
      setSaveError(error as ApiError);
    }
  };
  return (
    <Card
      title="Template editor"
      subtitle="Liquid in zh or en; product blocks: recommendations, cart, similar, item"
      testid="template-editor"
      actions={
        <button type="button" class="btn primary" onClick={() => void save()} data-testid="template-save">
          Save template
        </button>
      }
    >
      <div class="template-grid">
        <div class="col">
          <label class="field">
            <span>Name</span>
            <input value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="template-name" />
          </label>
          <label class="field">
            <span>Subject</span>
            <input value={subject} onInput={(e) => setSubject(e.currentTarget.value)} data-testid="template-subject" />
          </label>
          <label class="field">
            <span>HTML</span>
            <textarea
              rows={7}
              value={html}
              onInput={(e) => setHtml(e.currentTarget.value)}
              data-testid="template-html"
            />
          </label>
          <label class="field">
            <span>Text</span>
            <textarea rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          {saved && (
            <p class="small good" data-testid="template-saved">
              Saved “{saved}”.
            </p>
          )}
          <ProblemBox error={saveError} />
        </div>
        <div class="col">
          <div class="row">
            <label class="field">
              <span>Preview for customer</span>
              <input
                value={customerId}
                placeholder="customer id"
                onInput={(e) => setCustomerId(e.currentTarget.value)}
                data-testid="template-customer"
              />
            </label>
            <label class="field">
              <span>Trigger item (optional)</span>
              <input value={itemId} placeholder="item id" onInput={(e) => setItemId(e.currentTarget.value)} />
            </label>
          </div>
          <ProblemBox error={preview.error} testid="template-problem" />
          {!who && <p class="muted small">Choose a customer to see the message as they would get it.</p>}
          {preview.data && !preview.error && (
            <div class="template-preview" data-testid="template-preview">
              <p class="template-subject" data-testid="template-preview-subject">
                {preview.data.subject}
              </p>
              <iframe
                title="message preview"
                sandbox=""
                srcDoc={preview.data.html}
                class="template-frame"
                data-testid="template-preview-html"
              />
            </div>
          )}
        </div>
      </div>
    </Card>
  );
}

/**
 * The shopping assistant's chat on every storefront page: a launcher button that opens a panel where the
 * shopper writes, and the assistant answers through the SDK (`client.assistant`, browser key) with its reply,
 * product cards and suggestion chips. The reply is shown while the shop's optional model writes it (server-sent
 * events; the final answer replaces it), or whole when it comes as one piece. The conversation lives in memory
 * only, for this tab.
 */
import type { AssistantReply } from '@daogou/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { connection$, identity$ } from '../lib/client.js';
import { formatPrice } from '../lib/format.js';
import { useI18n } from '../lib/i18n.js';
import { useObservable } from '../lib/observable.js';
import { productTitle, toProduct, type Product } from '../lib/product.js';
import { productUrl } from '../lib/router.js';
import { Link } from './link.js';
import { ProductArt } from './product-art.js';
import './chat-widget.css';

type Message =
  | { id: number; from: 'user'; text: string }
  | { id: number; from: 'assistant'; text: string; products: Product[]; images: Map<string, string> };

const PANEL_ID = 'dg-chat-panel';
/** The panel covers the page below this width, so following a product link closes it. */
const NARROW = '(max-width: 600px)';

function ChatProduct({ product, image, onOpen }: { product: Product; image: string | undefined; onOpen: () => void }) {
  const { lang } = useI18n();
  // A picture that does not load gives way to the drawn one the rest of the storefront shows.
  const [broken, setBroken] = useState(false);
  const title = productTitle(product, lang);
  return (
    <li class="chat-product" data-testid="chat-product" data-item-id={product.id}>
      <Link href={productUrl(product.id)} onNavigate={onOpen}>
        <span class="chat-product-media">
          {image && !broken ? (
            <img src={image} alt="" loading="lazy" onError={() => setBroken(true)} />
          ) : (
            <ProductArt product={product} />
          )}
        </span>
        <span class="chat-product-title" title={title}>
          {title}
        </span>
        <span class="chat-product-price">{formatPrice(product.price, product.currency, lang)}</span>
      </Link>
    </li>
  );
}

/** The launcher and, when open, the chat panel. */
export function ChatWidget() {
  const { lang, t } = useI18n();
  const connection = useObservable(connection$);
  const identity = useObservable(identity$);
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<Message[]>([]);
  const [suggestions, setSuggestions] = useState<string[] | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  /** The reply so far while the model writes it (null until its first piece). */
  const [streaming, setStreaming] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const nextId = useRef(1);
  const input = useRef<HTMLInputElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const log = useRef<HTMLDivElement>(null);

  // Browsing as someone else is another shopper: their conversation starts afresh.
  useEffect(() => {
    setMessages([]);
    setSuggestions(null);
    setFailed(null);
  }, [identity.shopperId]);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages, busy, open, streaming]);

  if (connection.status !== 'ready') return null;
  const client = connection.client;

  const close = () => {
    setOpen(false);
    launcher.current?.focus();
  };
  const send = async (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '' || busy) return;
    setDraft('');
    setFailed(null);
    setSuggestions(null);
    setMessages((m) => [...m, { id: nextId.current++, from: 'user', text: trimmed }]);
    setBusy(true);
    try {
      const answer: AssistantReply = await client.assistant.send(trimmed, {
        locale: lang,
        onDelta: (_piece, soFar) => setStreaming(soFar),
      });
      const images = new Map(answer.items.flatMap((i) => (i.images[0] ? [[i.id, i.images[0]] as const] : [])));
      setMessages((m) => [
        ...m,
        { id: nextId.current++, from: 'assistant', text: answer.reply, products: answer.items.map(toProduct), images },
      ]);
      setSuggestions(answer.suggestions);
    } catch {
      setFailed(trimmed);
    } finally {
      setStreaming(null);
      setBusy(false);
      input.current?.focus();
    }
  };
  const restart = () => {
    client.assistant.restart();
    setMessages([]);
    setSuggestions(null);
    setFailed(null);
    input.current?.focus();
  };
  const followLink = () => {
    if (window.matchMedia(NARROW).matches) setOpen(false);
  };
  const chips = suggestions ?? (messages.length === 0 ? [t('chatStart1'), t('chatStart2'), t('chatStart3')] : []);

  return (
    <div class="chat-widget">
      {open && (
        <section
          id={PANEL_ID}
          class="chat-panel"
          role="dialog"
          aria-labelledby="dg-chat-title"
          data-testid="chat-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <header class="chat-head">
            <span class="chat-avatar" aria-hidden="true">
              导
            </span>
            <div class="chat-head-text">
              <h2 id="dg-chat-title">{t('chatTitle')}</h2>
              <p>{t('chatSubtitle')}</p>
            </div>
            {messages.length > 0 && (
              <button type="button" class="chat-restart" onClick={restart} data-testid="chat-restart">
                {t('chatRestart')}
              </button>
            )}
            <button
              type="button"
              class="chat-close"
              onClick={close}
              aria-label={t('chatClose')}
              data-testid="chat-close"
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
              </svg>
            </button>
          </header>
          <div class="chat-log" ref={log} role="log" aria-live="polite" aria-busy={busy} data-testid="chat-log">
            <p class="chat-bubble from-assistant">{t('chatWelcome')}</p>
            {messages.map((m) =>
              m.from === 'user' ? (
                <p key={m.id} class="chat-bubble from-user" data-testid="chat-message" data-from="user">
                  <span class="sr-only">{t('chatYou')}: </span>
                  {m.text}
                </p>
              ) : (
                <div key={m.id} class="chat-answer" data-testid="chat-message" data-from="assistant">
                  <p class="chat-bubble from-assistant" data-testid="chat-reply">
                    <span class="sr-only">{t('chatAssistant')}: </span>
                    {m.text}
                  </p>
                  {m.products.length > 0 && (
                    <ul class="chat-products" aria-label={t('chatProducts')}>
                      {m.products.map((p) => (
                        <ChatProduct key={p.id} product={p} image={m.images.get(p.id)} onOpen={followLink} />
                      ))}
                    </ul>
                  )}
                </div>
              ),
            )}
            {busy && streaming !== null && (
              <p class="chat-bubble from-assistant" data-testid="chat-streaming">
                <span class="sr-only">{t('chatAssistant')}: </span>
                {streaming}
              </p>
            )}
            {busy && streaming === null && (
              <p class="chat-bubble from-assistant chat-typing" data-testid="chat-typing">
                <span class="sr-only">{t('chatThinking')}</span>
                <span aria-hidden="true" class="chat-dots">
                  <i />
                  <i />
                  <i />
                </span>
              </p>
            )}
            {failed !== null && (
              <p class="chat-failed" role="alert" data-testid="chat-failed">
                {t('chatFailed')}{' '}
                <button type="button" onClick={() => void send(failed)}>
                  {t('chatRetry')}
                </button>
              </p>
            )}
          </div>
          {chips.length > 0 && !busy && (
            <div class="chat-chips" role="group" aria-label={t('chatSuggestions')}>
              {chips.map((s) => (
                <button
                  type="button"
                  key={s}
                  class="chat-chip"
                  onClick={() => void send(s)}
                  data-testid="chat-suggestion"
                >
                  {s}
                </button>
              ))}
            </div>
          )}
          <form
            class="chat-form"
            onSubmit={(e) => {
              e.preventDefault();
              void send(draft);
            }}
          >
            <label class="sr-only" for="dg-chat-input">
              {t('chatInputLabel')}
            </label>
            <input
              id="dg-chat-input"
              ref={input}
              type="text"
              autocomplete="off"
              enterkeyhint="send"
              maxLength={500}
              value={draft}
              placeholder={t('chatPlaceholder')}
              onInput={(e) => setDraft(e.currentTarget.value)}
              data-testid="chat-input"
            />
            <button
              type="submit"
              class="chat-send"
              disabled={busy || draft.trim() === ''}
              aria-label={t('chatSend')}
              data-testid="chat-send"
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 12l16-8-6 16-2.5-6.5z" fill="currentColor" />
              </svg>
            </button>
          </form>
        </section>
      )}
      <button
        type="button"
        ref={launcher}
        class={open ? 'chat-launcher open' : 'chat-launcher'}
        aria-label={t('chatOpen')}
        aria-expanded={open}
        aria-controls={PANEL_ID}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="chat-launcher"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
          <circle cx="9" cy="10.5" r="1.2" fill="currentColor" />
          <circle cx="12.5" cy="10.5" r="1.2" fill="currentColor" />
          <circle cx="16" cy="10.5" r="1.2" fill="currentColor" />
        </svg>
        <span class="chat-launcher-text" aria-hidden="true">
          {t('chatLauncher')}
        </span>
      </button>
    </div>
  );
}

/** The assistant (/console/assistant): conversation log, unanswered questions, hand-off queue, one conversation. */
import type { JSX } from 'preact';
import { Conversation } from '../assistant/conversation.js';
import { ConversationLog } from '../assistant/conversation-log.js';
import { Handoffs } from '../assistant/handoffs.js';
import { Questions } from '../assistant/questions.js';
import { Link, PageHeader } from '../components/ui.js';
import { segment, useRoute } from '../router.js';

const TABS = [
  { id: 'log', path: '/assistant', label: 'Conversations' },
  { id: 'questions', path: '/assistant/questions', label: 'Unanswered questions' },
  { id: 'handoffs', path: '/assistant/handoffs', label: 'Hand-offs' },
] as const;

/** The assistant page; the second path segment picks the view. */
export function AssistantPage(): JSX.Element {
  const { path } = useRoute();
  const view = segment(path, 1);
  const sessionId = view === 'conversations' ? segment(path, 2) : undefined;
  const active = view === 'questions' || view === 'handoffs' ? view : 'log';
  return (
    <div class="page">
      <PageHeader
        title="Shopping assistant"
        subtitle="What shoppers ask the storefront’s chat, what it could not answer, and who is waiting for a person"
      />
      <nav class="segmented tabs" aria-label="Assistant views">
        {TABS.map((t) => (
          <Link
            key={t.id}
            to={t.path}
            class={t.id === active && !sessionId ? 'active' : ''}
            testid={`assistant-tab-${t.id}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {sessionId !== undefined ? (
        <Conversation key={sessionId} sessionId={sessionId} />
      ) : active === 'questions' ? (
        <Questions />
      ) : active === 'handoffs' ? (
        <Handoffs />
      ) : (
        <ConversationLog />
      )}
    </div>
  );
}

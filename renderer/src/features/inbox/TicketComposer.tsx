import { BookOpen, BookPlus, Lock, Send } from 'lucide-react';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import type { ConversationMessage } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { lastCustomerText, snippetText, suggestionQuery, type TicketSummary } from './ticket-meta';

export type ComposerMode = 'reply' | 'note';

export interface ComposerHandle {
  focus(mode: ComposerMode): void;
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform);

/**
 * The reply box: "Send to customer" (through the conversation's channel) or "Add internal note" (the
 * team only), Ctrl/⌘+Enter sends; suggested answers from the knowledge base beside it.
 */
export function TicketComposer({
  ticket,
  messages,
  onSent,
  ref,
}: {
  ticket: TicketSummary;
  messages: ConversationMessage[];
  onSent(ticket: TicketSummary): void;
  ref?: Ref<ComposerHandle>;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const canReply = ticket.conversationId !== null || ticket.kind === 'platform';
  const shown: ComposerMode = canReply ? mode : 'note';

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      // after the mode's label is in place
      requestAnimationFrame(() => box.current?.focus());
    },
  }));

  const submit = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (shown === 'reply') {
        const answer = await transport.call('tickets.reply', { ticketId: ticket.id, text: body });
        onSent(answer.ticket);
        showToast('success', t('inbox.toast.sent'));
      } else {
        await transport.call('tickets.note', { ticketId: ticket.id, text: body });
        onSent(ticket);
        showToast('success', t('inbox.toast.noted'));
      }
      setText('');
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };

  const insert = (words: string) => {
    setMode('reply');
    setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${words}` : words));
    requestAnimationFrame(() => box.current?.focus());
  };

  const sendKeys = isMac() ? '⌘+Enter' : 'Ctrl+Enter';
  return (
    <section
      aria-labelledby="ticket-composer-title"
      className="rounded-xl bg-white shadow-xs ring-1 ring-slate-200"
    >
      <h2 id="ticket-composer-title" className="sr-only">
        {t('inbox.composer.title')}
      </h2>
      <div className="grid gap-4 p-4 md:p-5 lg:grid-cols-[minmax(0,1fr)_15rem]">
        <div className="flex min-w-0 flex-col gap-3">
          <div role="group" aria-label={t('inbox.composer.modes')} className="flex gap-1">
            {canReply && (
              <button
                type="button"
                aria-pressed={shown === 'reply'}
                aria-keyshortcuts="r"
                onClick={() => {
                  setMode('reply');
                  box.current?.focus();
                }}
                className={modeClass(shown === 'reply')}
              >
                <Send aria-hidden="true" className="size-4" />
                {t('inbox.composer.replyTab')}
              </button>
            )}
            <button
              type="button"
              aria-pressed={shown === 'note'}
              aria-keyshortcuts="n"
              onClick={() => {
                setMode('note');
                box.current?.focus();
              }}
              className={modeClass(shown === 'note')}
            >
              <Lock aria-hidden="true" className="size-4" />
              {t('inbox.composer.noteTab')}
            </button>
          </div>
          <TextAreaField
            ref={box}
            label={shown === 'reply' ? t('inbox.composer.replyLabel') : t('inbox.composer.noteLabel')}
            hint={t('inbox.composer.hint', { keys: sendKeys })}
            rows={5}
            value={text}
            maxLength={20_000}
            aria-keyshortcuts={isMac() ? 'Meta+Enter' : 'Control+Enter'}
            error={error ? message(error) : null}
            className={cx(shown === 'note' && '[&_textarea]:bg-amber-50/60')}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void submit();
              }
            }}
          />
          <div className="flex flex-wrap items-center justify-end gap-2">
            {shown === 'reply' ? (
              <Button
                variant="primary"
                busy={busy}
                disabled={!text.trim()}
                icon={<Send aria-hidden="true" className="size-4" />}
                onClick={() => void submit()}
              >
                {t('inbox.composer.send')}
              </Button>
            ) : (
              <Button
                busy={busy}
                disabled={!text.trim()}
                icon={<Lock aria-hidden="true" className="size-4" />}
                onClick={() => void submit()}
              >
                {t('inbox.composer.addNote')}
              </Button>
            )}
          </div>
        </div>
        <Suggestions
          question={lastCustomerText(messages) || ticket.customerMessage || ''}
          onInsert={insert}
        />
      </div>
    </section>
  );
}

/** At most this much of a document goes into a reply at once (a long document is a source, not an answer). */
const maxInsert = 4_000;

const modeClass = (current: boolean) =>
  cx(
    'inline-flex min-h-11 items-center gap-1.5 rounded-md px-3 text-sm font-medium md:min-h-8',
    current ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
  );

/** Knowledge that may answer the customer's last message; a click puts its words in the reply. */
function Suggestions({ question, onInsert }: { question: string; onInsert(text: string): void }) {
  const { t } = useTranslation();
  const q = suggestionQuery(question);
  const found = useLoad(() => transport.call('knowledge.search', { q, limit: 3 }), q, q.length > 0);
  const hits = found.data?.hits ?? [];
  // the whole document's words (a snippet is only the matching part); the snippet if it cannot be read
  const insertDocument = async (docId: string, snippet: string) => {
    try {
      const { doc } = await transport.call('knowledge.get', { docId });
      onInsert(doc.body.trim().slice(0, maxInsert) || snippetText(snippet));
    } catch {
      onInsert(snippetText(snippet));
    }
  };
  return (
    <aside aria-labelledby="ticket-suggestions-title" className="min-w-0 rounded-lg bg-slate-50 p-3">
      <h3
        id="ticket-suggestions-title"
        className="flex items-center gap-1.5 text-sm font-semibold text-slate-900"
      >
        <BookOpen aria-hidden="true" className="size-4 text-slate-500" />
        {t('inbox.suggestions.title')}
      </h3>
      {!q ? (
        <p className="mt-2 text-xs text-slate-600">{t('inbox.suggestions.noQuestion')}</p>
      ) : found.loading && !found.data ? (
        <p className="mt-2 text-xs text-slate-600">{t('inbox.suggestions.loading')}</p>
      ) : found.error ? (
        <p className="mt-2 text-xs text-slate-600">{t('inbox.suggestions.failed')}</p>
      ) : hits.length === 0 ? (
        <p className="mt-2 text-xs text-slate-600">{t('inbox.suggestions.none')}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2">
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                onClick={() => void insertDocument(hit.id, hit.snippet)}
                className="w-full rounded-md bg-white p-2 text-left ring-1 ring-slate-200 hover:ring-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <span className="block text-xs font-semibold text-slate-900">{hit.title}</span>
                <span className="mt-0.5 line-clamp-3 block text-xs text-slate-600">
                  {snippetText(hit.snippet)}
                </span>
                <span className="mt-1 block text-xs font-medium text-indigo-700">
                  {t('inbox.suggestions.insert')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** The last answer a person sent the customer in this conversation. */
export function lastPersonReply(messages: readonly ConversationMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'person' && m.text.trim()) return m.text.trim();
  }
  return '';
}

/** After solving: keep the answer in the knowledge base (edited first) so the agent can give it next time. */
export function SaveAnswer({ ticket, answer }: { ticket: TicketSummary; answer: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(ticket.subject);
  const [body, setBody] = useState(answer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [saved, setSaved] = useState(false);
  if (!answer) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await transport.call('knowledge.add', { title: title.trim(), body: body.trim(), source: 'inbox' });
      setSaved(true);
      setOpen(false);
      showToast('success', t('inbox.saveAnswer.saved'));
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      aria-labelledby="ticket-save-answer-title"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-emerald-50 px-5 py-4 ring-1 ring-emerald-200"
    >
      <div className="min-w-0">
        <h2 id="ticket-save-answer-title" className="text-sm font-semibold text-emerald-900">
          {saved ? t('inbox.saveAnswer.savedTitle') : t('inbox.saveAnswer.title')}
        </h2>
        <p className="text-sm text-emerald-900">
          {saved ? t('inbox.saveAnswer.savedHint') : t('inbox.saveAnswer.hint')}
        </p>
      </div>
      {!saved && (
        <Button
          icon={<BookPlus aria-hidden="true" className="size-4" />}
          onClick={() => {
            setTitle(ticket.subject);
            setBody(answer);
            setOpen(true);
          }}
        >
          {t('inbox.saveAnswer.button')}
        </Button>
      )}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('inbox.saveAnswer.dialogTitle')}
        description={t('inbox.saveAnswer.dialogDescription')}
        locked={busy}
      >
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <TextField
            label={t('inbox.saveAnswer.fieldTitle')}
            value={title}
            maxLength={200}
            required
            onChange={(event) => setTitle(event.target.value)}
          />
          <TextAreaField
            label={t('inbox.saveAnswer.fieldBody')}
            value={body}
            rows={8}
            required
            onChange={(event) => setBody(event.target.value)}
            error={error ? message(error) : null}
          />
          <DialogActions>
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="primary" busy={busy} disabled={!title.trim() || !body.trim()}>
              {t('inbox.saveAnswer.save')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </section>
  );
}

import { Bot, ExternalLink, History, MessageCircle, Plus, Send, X } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../contract';
import { Button } from '../../components/Button';
import { messageText } from '../../i18n/message';
import { transport } from '../../transport';
import { cx } from '../../lib/cx';
import { useBranded } from '../../stores/brand-store';

type AssistantTurn = MethodOutput<'assistant.history'>['turns'][number];
type AssistantConversation = MethodOutput<'assistant.conversations'>['conversations'][number];
type AssistantAction = NonNullable<AssistantTurn['pendingAction']>;
type AssistantLink = AssistantTurn['links'][number];
type Language = AssistantConversation['language'];

const suggestionKeys = ['health', 'backup', 'incidents', 'conversations', 'person'] as const;

const uiLanguage = (language: string): Language | undefined => {
  const short = language.slice(0, 2);
  return short === 'en' || short === 'nl' || short === 'nb' ? short : undefined;
};

/** The page the user is on, as the assistant hears it: the hash route without '#/'. */
const currentPage = () => window.location.hash.replace(/^#\/?/, '').slice(0, 200);

/**
 * The operator assistant: a button in the shell's header and a side panel with the conversation,
 * suggestions, confirm / cancel for what it proposes to change, and links (help, pages, the ticket
 * it opened). Esc closes the panel and gives the keyboard back to the button.
 */
export function AssistantButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={t('assistant.open')}
        title={t('assistant.open')}
        aria-expanded={open}
        aria-controls="assistant-panel"
        data-testid="assistant-button"
        onClick={() => (open ? close() : setOpen(true))}
        // on a phone a round button at the bottom right, leaving the header room for the organisation
        className="fixed right-4 bottom-4 z-30 flex size-14 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-white shadow-lg hover:bg-indigo-500 md:static md:size-9 md:rounded-md md:bg-transparent md:text-slate-600 md:shadow-none md:hover:bg-slate-100 md:hover:text-slate-900"
      >
        <MessageCircle aria-hidden="true" className="size-5" />
      </button>
      {open && <AssistantPanel onClose={close} />}
    </>
  );
}

type View = 'chat' | 'history';

function AssistantPanel({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const [conversation, setConversation] = useState<AssistantConversation | null>(null);
  const [turns, setTurns] = useState<AssistantTurn[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState<View>('chat');
  const [conversations, setConversations] = useState<AssistantConversation[] | null>(null);

  // the latest conversation, when the panel opens (unless the user started another meanwhile)
  const touched = useRef(false);
  useEffect(() => {
    let current = true;
    transport.call('assistant.history', {}).then(
      (history) => {
        if (!current || touched.current) return;
        setConversation(history.conversation);
        setTurns(history.turns);
      },
      () => undefined,
    );
    inputRef.current?.focus();
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [turns, busy]);

  const ask = async (question: string) => {
    const trimmed = question.trim();
    if (!trimmed || busy) return;
    touched.current = true;
    setBusy(true);
    setFailed(false);
    setText('');
    const language = uiLanguage(i18n.language);
    try {
      const answer = await transport.call('assistant.ask', {
        text: trimmed,
        page: currentPage(),
        ...(conversation ? { conversationId: conversation.id } : {}),
        ...(language ? { language } : {}),
      });
      const history = await transport.call('assistant.history', { conversationId: answer.conversationId });
      setConversation(history.conversation);
      setTurns(history.turns);
    } catch {
      setFailed(true);
      setText(trimmed);
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const decide = async (action: AssistantAction, cancel: boolean) => {
    if (!conversation || busy) return;
    setBusy(true);
    setFailed(false);
    try {
      await transport.call('assistant.confirm', {
        conversationId: conversation.id,
        actionId: action.id,
        cancel,
      });
      const history = await transport.call('assistant.history', { conversationId: conversation.id });
      setTurns(history.turns);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask(text);
  };

  const startNew = () => {
    touched.current = true;
    setConversation(null);
    setTurns([]);
    setView('chat');
    setFailed(false);
    inputRef.current?.focus();
  };

  const showHistory = async () => {
    setView('history');
    setConversations(null);
    try {
      setConversations((await transport.call('assistant.conversations', {})).conversations);
    } catch {
      setConversations([]);
    }
  };

  const openConversation = async (id: string) => {
    touched.current = true;
    const history = await transport.call('assistant.history', { conversationId: id });
    setConversation(history.conversation);
    setTurns(history.turns);
    setView('chat');
    inputRef.current?.focus();
  };

  return (
    <aside
      id="assistant-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="assistant-panel"
      className="fixed inset-y-0 right-0 z-40 flex w-full flex-col border-l border-slate-200 bg-white shadow-2xl sm:w-[26rem]"
    >
      <div className="flex h-16 shrink-0 items-center gap-1 border-b border-slate-200 px-3">
        <Bot aria-hidden="true" className="size-5 text-indigo-600" />
        <h2 id={titleId} className="ml-1 flex-1 text-base font-semibold text-slate-900">
          {t('assistant.title')}
        </h2>
        <IconAction
          label={t('assistant.history')}
          onClick={() => void showHistory()}
          pressed={view === 'history'}
        >
          <History aria-hidden="true" className="size-5" />
        </IconAction>
        <IconAction label={t('assistant.newConversation')} onClick={startNew}>
          <Plus aria-hidden="true" className="size-5" />
        </IconAction>
        <IconAction label={t('assistant.close')} onClick={onClose}>
          <X aria-hidden="true" className="size-5" />
        </IconAction>
      </div>

      {view === 'history' ? (
        <div className="flex-1 overflow-y-auto p-4">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t('assistant.history')}</h3>
          {conversations === null ? null : conversations.length === 0 ? (
            <p className="text-sm text-slate-600">{t('assistant.noHistory')}</p>
          ) : (
            <ul className="flex flex-col gap-1">
              {conversations.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    onClick={() => void openConversation(item.id)}
                    className="w-full rounded-md px-2 py-2 text-left text-sm text-slate-800 hover:bg-slate-100"
                  >
                    <span className="block truncate font-medium">{item.title}</span>
                    <span className="block text-xs text-slate-600">
                      {new Date(item.updatedAt).toLocaleString(i18n.language)} ·{' '}
                      {t(`assistant.languages.${item.language}`)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Button variant="ghost" size="sm" className="mt-3" onClick={() => setView('chat')}>
            {t('assistant.back')}
          </Button>
        </div>
      ) : (
        <div
          ref={logRef}
          role="log"
          aria-live="polite"
          aria-label={t('assistant.log')}
          aria-busy={busy}
          className="flex flex-1 flex-col gap-3 overflow-y-auto p-4"
        >
          {turns.length === 0 && (
            <div className="flex flex-col gap-3">
              <p className="text-sm text-slate-700">{t('assistant.intro')}</p>
              <div>
                <p
                  id={`${titleId}-suggestions`}
                  className="mb-2 text-xs font-semibold text-slate-600 uppercase"
                >
                  {t('assistant.suggestionsLabel')}
                </p>
                <ul aria-labelledby={`${titleId}-suggestions`} className="flex flex-wrap gap-2">
                  {suggestionKeys.map((key) => (
                    <li key={key}>
                      <button
                        type="button"
                        onClick={() => void ask(t(`assistant.suggestions.${key}`))}
                        className="rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-left text-sm text-indigo-800 hover:bg-indigo-100"
                      >
                        {t(`assistant.suggestions.${key}`)}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          {conversation && turns.length > 0 && (
            <p className="text-xs text-slate-600">
              {t('assistant.conversationLanguage', {
                language: t(`assistant.languages.${conversation.language}`),
              })}
            </p>
          )}
          {turns.map((turn) => (
            <TurnView
              key={turn.id}
              turn={turn}
              language={conversation?.language}
              busy={busy}
              onDecide={decide}
            />
          ))}
          {busy && <p className="text-sm text-slate-600">{t('assistant.thinking')}</p>}
          {failed && (
            <p role="alert" className="text-sm text-red-700">
              {t('assistant.failed')}
            </p>
          )}
        </div>
      )}

      <form onSubmit={submit} className="flex shrink-0 items-end gap-2 border-t border-slate-200 p-3">
        <label htmlFor={`${titleId}-input`} className="sr-only">
          {t('assistant.inputLabel')}
        </label>
        <textarea
          id={`${titleId}-input`}
          ref={inputRef}
          rows={2}
          value={text}
          maxLength={1000}
          placeholder={t('assistant.placeholder')}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void ask(text);
            }
          }}
          className="min-h-11 flex-1 resize-none rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
        />
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          aria-label={t('assistant.send')}
          icon={<Send aria-hidden="true" className="size-4" />}
        >
          <span className="sr-only md:not-sr-only">{t('assistant.send')}</span>
        </Button>
      </form>
    </aside>
  );
}

function IconAction({
  label,
  onClick,
  pressed,
  children,
}: {
  label: string;
  onClick: () => void;
  pressed?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
      onClick={onClick}
      className={cx(
        'flex size-11 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 md:size-9',
        pressed && 'bg-slate-100 text-slate-900',
      )}
    >
      {children}
    </button>
  );
}

function TurnView({
  turn,
  language,
  busy,
  onDecide,
}: {
  turn: AssistantTurn;
  /** The conversation's language (pinned at its start): its replies are said in it. */
  language: Language | undefined;
  busy: boolean;
  onDecide: (action: AssistantAction, cancel: boolean) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { i18n } = useTranslation();
  const branded = useBranded();
  // an answer from help names the product: the brand's name where the platform admin set one
  const say = (message: AssistantTurn['messages'][number]) =>
    branded(messageText(i18n, i18n.getFixedT(language ?? i18n.language), message));
  if (turn.role === 'user') {
    return (
      <div className="flex justify-end">
        <p className="max-w-[85%] rounded-lg rounded-br-sm bg-indigo-600 px-3 py-2 text-sm whitespace-pre-wrap text-white">
          <span className="sr-only">{t('assistant.you')}: </span>
          {turn.text}
        </p>
      </div>
    );
  }
  const sentences =
    turn.messages.length > 0 ? turn.messages.map((message) => say(message)) : [branded(turn.text)];
  const action = turn.pendingAction;
  return (
    <div
      className="flex max-w-[92%] flex-col gap-2 rounded-lg rounded-bl-sm bg-slate-100 px-3 py-2 text-sm text-slate-900"
      data-testid="assistant-reply"
    >
      <span className="sr-only">{t('assistant.name')}: </span>
      <p>{sentences.join(' ')}</p>
      {turn.links.length > 0 && (
        <ul className="flex flex-col gap-1">
          {turn.links.map((link) => (
            <li key={`${link.kind}:${link.id}`}>
              <LinkView link={link} />
            </li>
          ))}
        </ul>
      )}
      {action && (
        <div className="flex flex-wrap items-center gap-2">
          {action.state === 'pending' ? (
            <>
              <Button
                size="sm"
                variant="primary"
                disabled={busy}
                onClick={() => void onDecide(action, false)}
              >
                {t('assistant.confirm')}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                disabled={busy}
                onClick={() => void onDecide(action, true)}
              >
                {t('assistant.cancel')}
              </Button>
            </>
          ) : (
            <span className="text-xs font-medium text-slate-700">
              {t(`assistant.actionState.${action.state}`)}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

function LinkView({ link }: { link: AssistantLink }) {
  const { t } = useTranslation();
  const label =
    link.kind === 'ticket'
      ? t('assistant.openTicket')
      : link.kind === 'help'
        ? t('assistant.helpArticle', { title: link.title })
        : t('assistant.openPage', { page: t(`nav.${link.route}`, { defaultValue: link.route }) });
  return (
    <a
      href={`#/${link.route}`}
      className="inline-flex items-center gap-1 font-medium text-indigo-700 underline-offset-2 hover:underline"
    >
      <ExternalLink aria-hidden="true" className="size-3.5" />
      {label}
    </a>
  );
}

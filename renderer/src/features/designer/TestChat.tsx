import { ArrowUpRight, Bot, Eraser, Send, User } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import type { EventPayload, RunStatus, RunStep, RunSummary } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useMessageText } from '../../i18n/message';
import { cx } from '../../lib/cx';
import { runPath } from '../../router/routes';
import { useProvidersStore } from '../../stores/providers-store';
import { toCallError, transport } from '../../transport';
import { isLocalModel, modelLabel, stepModelLabel } from '../agents/models';
import { useMoney } from '../../i18n/use-money';
import { useDesignerStore } from './designer-store';
import { RunEvents } from './run-events';

interface ChatTurn {
  id: number;
  role: 'user' | 'assistant';
  text: string;
  /** Assistant turns: the run answering, while and after it runs. */
  runId?: string;
  status?: 'sending' | 'running' | 'done' | 'failed' | 'waiting';
  streamed?: string;
  model?: string | null;
  error?: string | null;
  tokens?: number;
  costMicros?: number;
}

const terminal: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'succeeded',
  'handed_over',
  'failed',
  'cancelled',
  'interrupted',
]);
const pollMs = 1_500;
const historyTurns = 20;

let nextTurnId = 1;

/**
 * Chat with the flow on the canvas, saved or not: each message starts a test run of the draft and
 * follows its events; the node being executed lights up on the canvas.
 */
export function TestChat({ agentId, readOnly }: { agentId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const money = useMoney();
  const message = useErrorMessage();
  const say = useMessageText();
  const agent = useDesignerStore((state) => state.agent);
  const providers = useProvidersStore((state) => state.providers);
  const ensureProviders = useProvidersStore((state) => state.ensure);
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const events = useRef<RunEvents | null>(null);
  const log = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void ensureProviders();
  }, [ensureProviders]);

  const update = useCallback((runId: string, change: (turn: ChatTurn) => ChatTurn) => {
    setTurns((all) => all.map((turn) => (turn.runId === runId ? change(turn) : turn)));
  }, []);

  const finish = useCallback(
    (run: RunSummary) => {
      const failed = run.status !== 'succeeded' && run.status !== 'handed_over' && run.status !== 'waiting';
      update(run.id, (turn) => ({
        ...turn,
        status: run.status === 'waiting' ? 'waiting' : failed ? 'failed' : 'done',
        text: run.replies.join('\n\n'),
        error: failed
          ? run.errorMessage
            ? say(run.errorMessage, run.error ?? undefined)
            : (run.error ?? t(`runs.status.${run.status}`))
          : null,
        tokens: run.tokensIn + run.tokensOut,
        costMicros: run.costMicros,
      }));
      const store = useDesignerStore.getState();
      store.setLive(
        Object.fromEntries(
          Object.entries(store.live).map(([id, mark]) => [id, mark === 'active' ? 'ok' : mark]),
        ),
      );
      if (run.status !== 'waiting') setBusy(false);
    },
    [update, t, say],
  );

  useEffect(() => {
    const router = new RunEvents({
      onDelta: (payload: EventPayload<'run.delta'>) => {
        update(payload.runId, (turn) => ({
          ...turn,
          status: 'running',
          streamed: (turn.streamed ?? '') + payload.text,
        }));
        const store = useDesignerStore.getState();
        if (store.live[payload.nodeId] !== 'active')
          store.setLive({ ...store.live, [payload.nodeId]: 'active' });
      },
      onStep: (payload: EventPayload<'run.step'>) => {
        const step: RunStep = payload.step;
        useDesignerStore.getState().markStep(step);
        update(payload.runId, (turn) => ({
          ...turn,
          status: turn.status === 'sending' ? 'running' : turn.status,
          model: turn.model ?? step.model,
        }));
      },
      onFinished: finish,
    });
    events.current = router;
    const offs = [
      transport.on('run.delta', (payload) => router.delta(payload)),
      transport.on('run.step', (payload) => router.step(payload)),
      transport.on('run.finished', (payload) => router.finished(payload)),
    ];
    return () => {
      for (const off of offs) off();
      router.dispose();
      events.current = null;
    };
  }, [update, finish]);

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [turns]);

  const send = async (text: string) => {
    const router = events.current;
    if (!router || !text.trim() || busy) return;
    const history = turns
      .filter((turn) => turn.text.trim() && (turn.role === 'user' || turn.status === 'done'))
      .slice(-historyTurns)
      .map((turn) => ({ role: turn.role, text: turn.text.slice(0, 20_000) }));
    const pendingId = nextTurnId++;
    setTurns((all) => [
      ...all,
      { id: nextTurnId++, role: 'user', text },
      { id: pendingId, role: 'assistant', text: '', status: 'sending' },
    ]);
    setDraft('');
    setBusy(true);
    useDesignerStore.getState().setLive({});
    router.expectRun();
    try {
      const run = await transport.call('agents.run', {
        agentId,
        input: { message: text, history },
        draft: useDesignerStore.getState().flow(),
        wait: false,
      });
      setTurns((all) =>
        all.map((turn) => (turn.id === pendingId ? { ...turn, runId: run.id, status: 'running' } : turn)),
      );
      router.track(run.id, () => transport.call('runs.get', { runId: run.id }), pollMs);
      if (terminal.has(run.status)) finish(run);
    } catch (caught) {
      router.cancelExpect();
      setTurns((all) =>
        all.map((turn) =>
          turn.id === pendingId ? { ...turn, status: 'failed', error: message(toCallError(caught)) } : turn,
        ),
      );
      setBusy(false);
    }
    input.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send(draft);
    }
  };

  const primary = agent?.primaryModel;
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0 text-xs text-slate-600">
          <p>{t('designer.chat.intro')}</p>
          {primary && (
            <p className="mt-1 flex flex-wrap items-center gap-1.5">
              {t('designer.chat.model')}
              <Badge tone={isLocalModel(primary) ? 'info' : 'neutral'}>
                {modelLabel(t, primary, providers)}
              </Badge>
            </p>
          )}
        </div>
        <Button
          size="sm"
          variant="ghost"
          disabled={turns.length === 0 || busy}
          icon={<Eraser aria-hidden="true" className="size-4" />}
          onClick={() => {
            setTurns([]);
            useDesignerStore.getState().setLive({});
          }}
        >
          {t('designer.chat.clear')}
        </Button>
      </div>
      {/* the log holds the list of turns: a list element given the log role would lose its list */}
      <div
        role="log"
        aria-label={t('designer.chat.log')}
        aria-live="polite"
        className="flex min-h-0 flex-1 flex-col overflow-y-auto px-4 py-4"
      >
        {turns.length === 0 ? (
          <p className="m-auto max-w-64 text-center text-sm text-slate-500">{t('designer.chat.empty')}</p>
        ) : (
          <ol ref={log} className="flex flex-col gap-3">
            {turns.map((turn) =>
              turn.role === 'user' ? (
                <li key={turn.id} className="flex justify-end gap-2">
                  <p className="max-w-[85%] rounded-2xl rounded-br-sm bg-indigo-600 px-3 py-2 text-sm whitespace-pre-wrap text-white">
                    <span className="sr-only">{t('designer.chat.you')}: </span>
                    {turn.text}
                  </p>
                  <User aria-hidden="true" className="mt-1 size-4 shrink-0 text-slate-400" />
                </li>
              ) : (
                <li key={turn.id} className="flex gap-2">
                  <Bot aria-hidden="true" className="mt-1 size-4 shrink-0 text-slate-400" />
                  <div className="min-w-0 max-w-[85%]">
                    <div
                      className={cx(
                        'rounded-2xl rounded-bl-sm px-3 py-2 text-sm whitespace-pre-wrap',
                        turn.status === 'failed'
                          ? 'bg-red-50 text-red-800 ring-1 ring-red-200'
                          : 'bg-slate-100 text-slate-900',
                      )}
                    >
                      <span className="sr-only">{t('designer.chat.agent')}: </span>
                      {turn.status === 'sending' || (turn.status === 'running' && !turn.streamed) ? (
                        <span className="flex items-center gap-2 text-slate-600">
                          <Spinner />
                          {t('designer.chat.thinking')}
                        </span>
                      ) : turn.status === 'running' ? (
                        turn.streamed
                      ) : turn.status === 'failed' ? (
                        turn.error
                      ) : turn.status === 'waiting' ? (
                        <span className="text-amber-800">{t('designer.chat.waiting')}</span>
                      ) : (
                        turn.text || (
                          <span className="text-slate-600 italic">{t('designer.chat.noReply')}</span>
                        )
                      )}
                    </div>
                    {(turn.runId || turn.model) && (
                      <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 px-1 text-xs text-slate-500">
                        {turn.model && <span>{stepModelLabel(t, turn.model, providers)}</span>}
                        {turn.tokens !== undefined && turn.tokens > 0 && (
                          <span>
                            {t('designer.chat.tokens', {
                              count: turn.tokens,
                              formatted: number(turn.tokens),
                            })}
                          </span>
                        )}
                        {turn.costMicros !== undefined && turn.costMicros > 0 && (
                          <span title={money.fromUsd(turn.costMicros) ?? undefined}>
                            {money.cost(turn.costMicros)}
                          </span>
                        )}
                        {turn.runId && (
                          <a
                            href={runPath(turn.runId)}
                            className="inline-flex items-center gap-0.5 font-medium text-indigo-700 hover:underline"
                          >
                            {t('designer.chat.openRun')}
                            <ArrowUpRight aria-hidden="true" className="size-3" />
                          </a>
                        )}
                      </p>
                    )}
                  </div>
                </li>
              ),
            )}
          </ol>
        )}
      </div>
      <form onSubmit={onSubmit} className="flex items-end gap-2 border-t border-slate-200 p-3">
        <label className="sr-only" htmlFor="test-chat-input">
          {t('designer.chat.inputLabel')}
        </label>
        <textarea
          id="test-chat-input"
          ref={input}
          rows={2}
          value={draft}
          disabled={readOnly}
          placeholder={t('designer.chat.placeholder')}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          maxLength={20_000}
          className="block min-h-10 flex-1 resize-none rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600 disabled:bg-slate-50"
        />
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={readOnly || !draft.trim()}
          icon={<Send aria-hidden="true" className="size-4" />}
        >
          {t('designer.chat.send')}
        </Button>
      </form>
      {readOnly && <p className="px-3 pb-3 text-xs text-slate-500">{t('designer.chat.needsOperator')}</p>}
    </div>
  );
}

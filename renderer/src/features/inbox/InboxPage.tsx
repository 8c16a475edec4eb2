import { ArrowLeft, Inbox, Keyboard } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { pagePaths, ticketPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { transport } from '../../transport';
import { ShortcutsDialog } from './ShortcutsDialog';
import { TicketList } from './TicketList';
import { TicketView, type TicketActions } from './TicketView';
import {
  defaultTicketFilters,
  isTyping,
  neighbour,
  placeTicket,
  ticketMatches,
  ticketQuery,
  type TicketFilters,
} from './ticket-meta';

/**
 * #/inbox: the tickets waiting for a person (hand-offs, tickets opened by hand), with one ticket
 * beside the list on wide screens; #/inbox/<id>: that ticket (on narrow screens alone, list first).
 */
export function InboxPage({ ticketId }: { ticketId?: string }) {
  const { t } = useTranslation();
  const { userId } = usePermissions();
  const [filters, setFilters] = useState<TicketFilters>(defaultTicketFilters);
  const [helpOpen, setHelpOpen] = useState(false);
  const filtersKey = JSON.stringify(filters);
  const filtersRef = useRef(filters);
  useEffect(() => {
    filtersRef.current = filters;
  });
  const list = useLoad(() => transport.call('tickets.list', ticketQuery(filters)), filtersKey);
  const { update } = list;
  const items = list.data?.items ?? [];
  const actions = useRef<TicketActions | null>(null);

  // live: a ticket that changed moves to where it belongs, or leaves the list
  useEffect(
    () =>
      transport.on('ticket.changed', ({ ticket }) =>
        update((page) => ({
          ...page,
          items: placeTicket(page.items, ticket, ticketMatches(ticket, filtersRef.current, userId)),
          queues: page.queues.includes(ticket.queue) ? page.queues : [...page.queues, ticket.queue].sort(),
        })),
      ),
    [update, userId],
  );

  // keyboard: j/k move through the list, r reply, n note, a assign to me, s solve, ? the help
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      // a dialog (confirmation, help) has the keyboard while it is open
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const key = event.key;
      if (key === '?') {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      if (key === 'j' || key === 'k') {
        const next = neighbour(itemsRef.current, ticketId, key === 'j' ? 1 : -1);
        if (next) {
          event.preventDefault();
          navigate(ticketPath(next));
        }
        return;
      }
      const handle = actions.current;
      if (!handle) return;
      const run = { r: handle.focusReply, n: handle.focusNote, a: handle.assignToMe, s: handle.solve }[key];
      if (run) {
        event.preventDefault();
        run();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [ticketId]);

  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        description={t('inbox.description')}
        actions={
          // the shortcuts are for a keyboard: not offered on a phone
          <span className="hidden md:block">
            <Button
              variant="ghost"
              icon={<Keyboard aria-hidden="true" className="size-4" />}
              onClick={() => setHelpOpen(true)}
              aria-keyshortcuts="?"
            >
              {t('inbox.shortcuts.button')}
            </Button>
          </span>
        }
      />
      <div className="grid items-start gap-4 xl:grid-cols-[21rem_minmax(0,1fr)]">
        <div className={ticketId ? 'hidden xl:block' : undefined}>
          <TicketList list={list} filters={filters} onFilters={setFilters} selectedId={ticketId} />
        </div>
        <div className={ticketId ? 'min-w-0' : 'hidden min-w-0 xl:block'}>
          {ticketId ? (
            <>
              <a
                href={pagePaths.inbox}
                className="mb-3 inline-flex min-h-11 items-center gap-1.5 text-sm font-medium text-indigo-700 hover:text-indigo-600 xl:hidden"
              >
                <ArrowLeft aria-hidden="true" className="size-4" />
                {t('inbox.back')}
              </a>
              <TicketView
                key={ticketId}
                ticketId={ticketId}
                queues={list.data?.queues ?? []}
                actionsRef={actions}
              />
            </>
          ) : (
            <Card>
              <div className="flex flex-col items-center gap-2 px-6 py-16 text-center">
                <Inbox aria-hidden="true" className="size-8 text-slate-400" />
                <p className="text-sm font-medium text-slate-900">{t('inbox.chooseTitle')}</p>
                <p className="max-w-sm text-sm text-slate-600">{t('inbox.chooseHint')}</p>
              </div>
            </Card>
          )}
        </div>
      </div>
      <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
    </>
  );
}

import * as RadixDialog from '@radix-ui/react-dialog';
import {
  Activity,
  BookOpen,
  Bot,
  Clock,
  CornerDownLeft,
  DatabaseBackup,
  FileText,
  Inbox,
  LifeBuoy,
  MessagesSquare,
  Plus,
  Search,
  Siren,
  Store,
  UserPlus,
  Users,
  type LucideIcon,
} from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchItem, SearchKind } from '../../contract';
import { useMessageText } from '../../i18n/message';
import { cx } from '../../lib/cx';
import { roleAtLeast, usePermissions } from '../../lib/permissions';
import { navigate } from '../../router/use-route';
import { pagePaths } from '../../router/routes';
import { transport } from '../../transport';
import { useBranded } from '../../stores/brand-store';
import { useBackupNow } from '../backups/use-backup-now';
import { navItems } from '../shell/nav-items';
import { InviteDialog } from '../team/InviteDialog';
import { NewAgentDialog } from '../agents/AgentsPage';
import { commandScore } from './match';
import { usePaletteStore } from './palette-store';
import { readRecent, rememberRecent, type RecentEntry } from './recent';

const kindIcons: Record<SearchKind, LucideIcon> = {
  agent: Bot,
  template: Store,
  run: Activity,
  conversation: MessagesSquare,
  ticket: Inbox,
  incident: Siren,
  member: Users,
  log: FileText,
  help: BookOpen,
};

/** Groups in the order they are shown; records follow the order of their best match. */
type GroupId = 'recent' | 'actions' | 'pages' | SearchKind;

interface Option {
  key: string;
  group: GroupId;
  icon: LucideIcon;
  title: string;
  subtitle?: string;
  snippet?: string;
  /** What choosing it does. */
  run(): void;
}

type ActionId = 'newAgent' | 'inviteMember' | 'backupNow' | 'openHelp';

const debounceMs = 120;

export function CommandPalette() {
  const open = usePaletteStore((state) => state.open);
  const setOpen = usePaletteStore((state) => state.setOpen);
  const [dialog, setDialog] = useState<'newAgent' | 'invite' | null>(null);
  return (
    <>
      <RadixDialog.Root open={open} onOpenChange={setOpen}>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="animate-overlay-in fixed inset-0 z-40 bg-slate-900/40" />
          {open && <PaletteContent onClose={() => setOpen(false)} onDialog={setDialog} />}
        </RadixDialog.Portal>
      </RadixDialog.Root>
      <NewAgentDialog
        open={dialog === 'newAgent'}
        onOpenChange={(next) => setDialog(next ? 'newAgent' : null)}
      />
      <InviteDialog open={dialog === 'invite'} onOpenChange={(next) => setDialog(next ? 'invite' : null)} />
    </>
  );
}

function PaletteContent({
  onClose,
  onDialog,
}: {
  onClose(): void;
  onDialog(dialog: 'newAgent' | 'invite'): void;
}) {
  const { t, i18n } = useTranslation();
  const say = useMessageText();
  const { role, platformAdmin, userId, editAgents, manageMembers } = usePermissions();
  const backupNow = useBackupNow();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ q: string; items: SearchItem[]; logId: string } | null>(null);
  /** The query last answered (or refused): while it differs from what is typed, a search is under way. */
  const [settled, setSettled] = useState('');
  const [failed, setFailed] = useState(false);
  const [activeState, setActiveState] = useState({ signature: '', index: 0 });
  const sequence = useRef(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const language = (i18n.resolvedLanguage ?? 'en') as 'en' | 'nl' | 'nb';
  const trimmed = query.trim();
  const loading = trimmed !== '' && settled !== trimmed;

  // records as you type: debounced; the previous results stay until the new ones arrive (no flicker)
  useEffect(() => {
    const mine = ++sequence.current;
    if (!trimmed) return;
    const timer = setTimeout(() => {
      transport
        .call('search.query', { q: trimmed, limit: 20, language })
        .then((answer) => {
          if (mine !== sequence.current) return;
          setResults({ q: trimmed, items: answer.items, logId: answer.logId });
          setFailed(false);
        })
        .catch(() => {
          if (mine === sequence.current) setFailed(true);
        })
        .finally(() => {
          if (mine === sequence.current) setSettled(trimmed);
        });
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [trimmed, language]);

  const go = useCallback(
    (route: string) => {
      onClose();
      navigate(route);
    },
    [onClose],
  );

  const pages = useMemo(() => {
    const visible = navItems.filter(
      (item) =>
        (!item.platformAdminOnly || platformAdmin) && (!item.minRole || roleAtLeast(role, item.minRole)),
    );
    const list: { page: string; route: string; icon: LucideIcon; label: string }[] = visible.map((item) => ({
      page: item.page,
      route: pagePaths[item.page],
      icon: item.icon,
      label: t(`nav.${item.page}`),
    }));
    list.push({ page: 'account', route: pagePaths.account, icon: Users, label: t('search.pages.account') });
    list.push({ page: 'help', route: '#/help', icon: LifeBuoy, label: t('search.pages.help') });
    return list;
  }, [platformAdmin, role, t]);

  const actions = useMemo(() => {
    const list: { id: ActionId; icon: LucideIcon; label: string; keywords: string; run(): void }[] = [];
    if (editAgents)
      list.push({
        id: 'newAgent',
        icon: Plus,
        label: t('search.actions.newAgent'),
        keywords: t('search.actions.newAgentKeywords'),
        run: () => {
          onClose();
          onDialog('newAgent');
        },
      });
    if (manageMembers)
      list.push({
        id: 'inviteMember',
        icon: UserPlus,
        label: t('search.actions.inviteMember'),
        keywords: t('search.actions.inviteMemberKeywords'),
        run: () => {
          onClose();
          onDialog('invite');
        },
      });
    if (platformAdmin)
      list.push({
        id: 'backupNow',
        icon: DatabaseBackup,
        label: t('search.actions.backupNow'),
        keywords: t('search.actions.backupNowKeywords'),
        run: () => {
          go(pagePaths.backups);
          void backupNow();
        },
      });
    list.push({
      id: 'openHelp',
      icon: LifeBuoy,
      label: t('search.actions.openHelp'),
      keywords: t('search.actions.openHelpKeywords'),
      run: () => go('#/help'),
    });
    return list;
  }, [editAgents, manageMembers, platformAdmin, t, onClose, onDialog, go, backupNow]);

  const branded = useBranded();
  const options = useMemo(() => {
    const list: Option[] = [];
    const pageOption = (page: (typeof pages)[number], group: GroupId): Option => ({
      key: `page:${page.page}`,
      group,
      icon: page.icon,
      title: t('search.goTo', { page: page.label }),
      run: () => {
        rememberRecent(userId, { kind: 'page', id: page.page });
        go(page.route);
      },
    });
    const actionOption = (action: (typeof actions)[number], group: GroupId): Option => ({
      key: `action:${action.id}`,
      group,
      icon: action.icon,
      title: action.label,
      run: () => {
        rememberRecent(userId, { kind: 'action', id: action.id });
        action.run();
      },
    });
    const recordOption = (item: SearchItem | RecentEntry, group: GroupId, logId: string | null): Option => {
      const kind = item.kind as SearchKind;
      const found = item as SearchItem;
      return {
        key: `${group}:${kind}:${item.id}`,
        group,
        icon: kindIcons[kind] ?? Search,
        title: found.titleMessage ? say(found.titleMessage, found.title) : (item.title ?? ''),
        ...(item.subtitle ? { subtitle: item.subtitle } : {}),
        // a help article's words name the product: the brand's name where one is set
        ...(found.snippet ? { snippet: kind === 'help' ? branded(found.snippet) : found.snippet } : {}),
        run: () => {
          rememberRecent(userId, {
            kind,
            id: item.id,
            title: found.titleMessage ? say(found.titleMessage, found.title) : (item.title ?? ''),
            subtitle: item.subtitle ?? '',
            route: item.route ?? '#/',
          });
          if (logId)
            void transport.call('search.opened', { logId, kind, id: item.id }).catch(() => undefined);
          go(item.route ?? '#/');
        },
      };
    };

    if (!trimmed) {
      for (const entry of readRecent(userId)) {
        if (entry.kind === 'page') {
          const page = pages.find((p) => p.page === entry.id);
          if (page) list.push(pageOption(page, 'recent'));
        } else if (entry.kind === 'action') {
          const action = actions.find((a) => a.id === entry.id);
          if (action) list.push(actionOption(action, 'recent'));
        } else if (entry.route && entry.title) list.push(recordOption(entry, 'recent', null));
      }
      for (const action of actions) list.push(actionOption(action, 'actions'));
      for (const page of pages) list.push(pageOption(page, 'pages'));
      return list;
    }
    const matchedActions = actions
      .map((action) => ({ action, score: commandScore(trimmed, action.label, action.keywords) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score);
    const matchedPages = pages
      .map((page) => ({ page, score: commandScore(trimmed, page.label, t('search.goTo', { page: '' })) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 4);
    for (const { action } of matchedActions) list.push(actionOption(action, 'actions'));
    for (const { page } of matchedPages) list.push(pageOption(page, 'pages'));
    if (results) {
      // records grouped by kind, the groups in the order of their best match
      const order: SearchKind[] = [];
      for (const item of results.items) if (!order.includes(item.kind)) order.push(item.kind);
      for (const kind of order)
        for (const item of results.items.filter((entry) => entry.kind === kind))
          list.push(recordOption(item, kind, results.logId));
    }
    return list;
  }, [trimmed, results, pages, actions, userId, t, say, go, branded]);

  // the first option is active again whenever the query or its results change
  const signature = `${trimmed}\u0000${results?.logId ?? ''}`;
  const active = activeState.signature === signature ? activeState.index : 0;
  const setActive = (index: number) => setActiveState({ signature, index });
  const current = Math.min(active, Math.max(0, options.length - 1));

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  const groups = useMemo(() => {
    const ordered: { id: GroupId; options: { option: Option; index: number }[] }[] = [];
    options.forEach((option, index) => {
      let group = ordered.find((entry) => entry.id === option.group);
      if (!group) ordered.push((group = { id: option.group, options: [] }));
      group.options.push({ option, index });
    });
    return ordered;
  }, [options]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      options[current]?.run();
    } else if (event.key === 'Tab') {
      // Tab and Shift+Tab move between the groups; the keyboard stays in the field
      event.preventDefault();
      if (groups.length === 0) return;
      const at = groups.findIndex((group) => group.options.some((entry) => entry.index === current));
      const next = groups[(at + (event.shiftKey ? -1 : 1) + groups.length) % groups.length];
      if (next?.options[0]) setActive(next.options[0].index);
    }
  };

  const recordCount = results && trimmed ? results.items.length : 0;
  const noResults = trimmed !== '' && !loading && results !== null && options.length === 0;
  const groupLabel = (id: GroupId) =>
    id === 'recent' || id === 'actions' || id === 'pages'
      ? t(`search.groups.${id}`)
      : t(`search.kinds.${id}`);
  const status = !trimmed
    ? t('search.statusEmpty')
    : loading && !results
      ? t('search.searching')
      : t('search.statusCount', { count: options.length });

  return (
    <RadixDialog.Content
      aria-describedby={undefined}
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        document.getElementById(`${listId}-input`)?.focus();
      }}
      className="animate-content-in fixed top-[8vh] left-1/2 z-50 flex max-h-[80vh] w-[calc(100vw-1.5rem)] max-w-2xl -translate-x-1/2 flex-col overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-900/10"
    >
      <RadixDialog.Title className="sr-only">{t('search.title')}</RadixDialog.Title>
      <div className="flex items-center gap-3 border-b border-slate-200 px-4">
        <Search aria-hidden="true" className="size-5 shrink-0 text-slate-500" />
        <input
          id={`${listId}-input`}
          type="text"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={`${listId}-list`}
          aria-autocomplete="list"
          aria-activedescendant={options.length > 0 ? optionId(current) : undefined}
          aria-label={t('search.label')}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-14 min-w-0 flex-1 bg-transparent text-base text-slate-900 placeholder:text-slate-500 focus:outline-none"
        />
        {loading && (
          <span
            aria-hidden="true"
            className="size-4 shrink-0 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600"
          />
        )}
        <kbd className="hidden shrink-0 rounded border border-slate-300 px-1.5 py-0.5 text-xs text-slate-600 sm:block">
          Esc
        </kbd>
      </div>
      <div role="status" className="sr-only">
        {status}
      </div>
      {/* Focusable so the results can be scrolled without the field (axe: scrollable-region-focusable);
          the field keeps Tab to itself, so this is never an extra stop on the way through. */}
      <div
        role="region"
        aria-label={t('search.results')}
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
        aria-busy={loading}
      >
        {options.length > 0 && (
          <div id={`${listId}-list`} role="listbox" aria-label={t('search.results')} className="py-2">
            {groups.map((group) => (
              <div key={group.id} role="group" aria-labelledby={`${listId}-group-${group.id}`}>
                <div
                  id={`${listId}-group-${group.id}`}
                  role="presentation"
                  className="px-4 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
                >
                  {groupLabel(group.id)}
                </div>
                {group.options.map(({ option, index }) => {
                  const Icon = option.group === 'recent' ? Clock : option.icon;
                  const selected = index === current;
                  return (
                    <div
                      key={option.key}
                      id={optionId(index)}
                      role="option"
                      aria-selected={selected}
                      onMouseMove={() => setActive(index)}
                      onClick={() => option.run()}
                      className={cx(
                        'mx-2 flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2',
                        selected ? 'bg-indigo-50 text-indigo-900' : 'text-slate-800',
                      )}
                    >
                      <Icon
                        aria-hidden="true"
                        className={cx('size-4.5 shrink-0', selected ? 'text-indigo-600' : 'text-slate-500')}
                      />
                      <div className="min-w-0 flex-1">
                        <div className="truncate text-sm font-medium">{option.title}</div>
                        {(option.snippet ?? option.subtitle) && (
                          <div className="truncate text-xs text-slate-600">
                            {option.snippet ?? option.subtitle}
                          </div>
                        )}
                      </div>
                      {option.snippet && option.subtitle && (
                        <span className="hidden max-w-[30%] shrink-0 truncate text-xs text-slate-600 sm:block">
                          {option.subtitle}
                        </span>
                      )}
                      {selected && (
                        <CornerDownLeft aria-hidden="true" className="size-4 shrink-0 text-indigo-600" />
                      )}
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        )}
        {noResults && (
          <div className="px-6 py-10 text-center">
            <p className="text-sm font-medium text-slate-900">{t('search.noResults', { query: trimmed })}</p>
            <p className="mt-1 text-sm text-slate-600">{t('search.noResultsHint')}</p>
          </div>
        )}
        {failed && trimmed !== '' && <p className="px-6 pb-4 text-sm text-red-700">{t('search.failed')}</p>}
      </div>
      <div className="hidden items-center gap-4 border-t border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-600 sm:flex">
        <span>{t('search.hintMove')}</span>
        <span>{t('search.hintOpen')}</span>
        <span>{t('search.hintGroups')}</span>
        {recordCount > 0 && <span className="ml-auto">{t('search.found', { count: recordCount })}</span>}
      </div>
    </RadixDialog.Content>
  );
}

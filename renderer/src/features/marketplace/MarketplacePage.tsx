import { Sparkles, Store, TrendingUp, Wand2 } from 'lucide-react';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { NativeSelect } from '../../components/Field';
import { SearchInput } from '../../components/SearchInput';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import {
  templateCategories,
  type MethodOutput,
  type TemplateCategory,
  type TemplateSummary,
} from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { toCallError, transport, type CallError } from '../../transport';
import { templateLanguage } from './categories';
import { TemplateCard } from './TemplateCard';
import { TemplateDialog } from './TemplateDialog';

type ListAnswer = MethodOutput<'templates.list'>;
type MatchAnswer = MethodOutput<'templates.match'>;
type Sort = 'popular' | 'name';

const typingPauseMs = 300;
const popularCount = 4;
/** A "most popular" row of one is no ranking: it shows from two used templates on. */
const minPopular = 2;

export function MarketplacePage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [appliedQ, setAppliedQ] = useState('');
  const [category, setCategory] = useState<TemplateCategory | null>(null);
  const [sort, setSort] = useState<Sort>('popular');
  const [openId, setOpenId] = useState<string | null>(null);
  const searchId = useId();
  const listLoad = useLoad<ListAnswer>(
    () =>
      transport.call('templates.list', {
        ...(appliedQ.trim() ? { q: appliedQ.trim() } : {}),
        ...(category ? { category } : {}),
      }),
    `${appliedQ.trim()}|${category ?? ''}`,
  );
  const list = listLoad.data;
  const { error, loading } = listLoad;

  useEffect(() => {
    if (q === appliedQ) return;
    const timer = setTimeout(() => setAppliedQ(q), typingPauseMs);
    return () => clearTimeout(timer);
  }, [q, appliedQ]);

  const language = i18n.language;
  const sorted = useMemo(() => {
    const templates = list?.templates ?? [];
    const name = (template: TemplateSummary) => template.name[templateLanguage(language)] || template.name.en;
    return [...templates].sort((a, b) =>
      sort === 'popular'
        ? b.usageCount - a.usageCount || name(a).localeCompare(name(b), language)
        : name(a).localeCompare(name(b), language),
    );
  }, [list, sort, language]);

  const filtered = Boolean(appliedQ.trim() || category);
  const popular = useMemo(
    () =>
      [...(list?.templates ?? [])]
        .filter((template) => template.usageCount > 0)
        .sort((a, b) => b.usageCount - a.usageCount)
        .slice(0, popularCount),
    [list],
  );
  const counts = new Map(list?.categories.map((entry) => [entry.id, entry.count]) ?? []);
  const allCount = category ? null : (list?.categories.reduce((sum, entry) => sum + entry.count, 0) ?? null);

  return (
    <>
      <PageHeader title={t('marketplace.title')} description={t('marketplace.description')} />
      <NeedMatcher onOpen={setOpenId} />

      {!filtered && popular.length >= minPopular && (
        <section aria-labelledby="popular-title" className="mb-8">
          <h2
            id="popular-title"
            className="mb-3 flex items-center gap-2 text-base font-semibold text-slate-900"
          >
            <TrendingUp aria-hidden="true" className="size-4.5 text-indigo-600" />
            {t('marketplace.popular')}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {popular.map((template) => (
              <li key={template.id}>
                <TemplateCard template={template} compact onOpen={() => setOpenId(template.id)} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="all-templates-title">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="all-templates-title" className="text-base font-semibold text-slate-900">
            {t('marketplace.all')}
          </h2>
          <div className="flex flex-wrap items-end gap-3">
            <div className="w-72">
              <label htmlFor={searchId} className="sr-only">
                {t('marketplace.search')}
              </label>
              <SearchInput
                id={searchId}
                value={q}
                placeholder={t('marketplace.searchPlaceholder')}
                onChange={setQ}
              />
            </div>
            <NativeSelect
              aria-label={t('marketplace.sort.label')}
              className="w-56"
              value={sort}
              onChange={(event) => setSort(event.target.value as Sort)}
              options={[
                { value: 'popular', label: t('marketplace.sort.popular') },
                { value: 'name', label: t('marketplace.sort.name') },
              ]}
            />
          </div>
        </div>
        <div role="group" aria-label={t('marketplace.categoryFilter')} className="mb-4 flex flex-wrap gap-2">
          <CategoryChip active={category === null} onClick={() => setCategory(null)} count={allCount}>
            {t('marketplace.allCategories')}
          </CategoryChip>
          {templateCategories.map((id) => (
            <CategoryChip
              key={id}
              active={category === id}
              onClick={() => setCategory(category === id ? null : id)}
              count={counts.get(id) ?? null}
            >
              {t(`marketplace.categories.${id}`)}
            </CategoryChip>
          ))}
        </div>
        {error ? (
          <Card>
            <ErrorState error={error} onRetry={listLoad.reload} />
          </Card>
        ) : !list || (loading && sorted.length === 0) ? (
          <Card>
            <LoadingState label={t('marketplace.loading')} />
          </Card>
        ) : sorted.length === 0 ? (
          <Card>
            <EmptyState
              icon={Store}
              title={filtered ? t('marketplace.emptyFiltered') : t('marketplace.empty')}
              action={
                filtered && (
                  <Button
                    onClick={() => {
                      setQ('');
                      setAppliedQ('');
                      setCategory(null);
                    }}
                  >
                    {t('marketplace.clearFilters')}
                  </Button>
                )
              }
            />
          </Card>
        ) : (
          <ul
            aria-label={t('marketplace.listLabel')}
            aria-busy={loading || undefined}
            className={cx('grid gap-4 sm:grid-cols-2 lg:grid-cols-3', loading && 'opacity-60')}
          >
            {sorted.map((template) => (
              <li key={template.id}>
                <TemplateCard template={template} onOpen={() => setOpenId(template.id)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <TemplateDialog templateId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function CategoryChip({
  active,
  onClick,
  count,
  children,
}: {
  active: boolean;
  onClick(): void;
  count: number | null;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 transition-colors ring-inset',
        active
          ? 'bg-indigo-600 text-white ring-indigo-600'
          : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
      )}
    >
      {children}
      {count !== null && (
        <span className={cx('text-xs tabular-nums', active ? 'text-indigo-100' : 'text-slate-500')}>
          {count}
        </span>
      )}
    </button>
  );
}

/** "Describe what you need": ranks the templates for a need in plain words (works offline). */
function NeedMatcher({ onOpen }: { onOpen(templateId: string): void }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const needId = useId();
  const [need, setNeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<MatchAnswer | null>(null);
  const [asked, setAsked] = useState('');
  const [error, setError] = useState<CallError | null>(null);
  const [tooShort, setTooShort] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const text = need.trim();
    if (text.length < 3) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    setBusy(true);
    setError(null);
    try {
      setAnswer(
        await transport.call('templates.match', { need: text, language: templateLanguage(i18n.language) }),
      );
      setAsked(text);
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      aria-labelledby="need-title"
      className="mb-8 rounded-xl bg-gradient-to-br from-indigo-600 to-violet-600 p-6 text-white shadow-sm"
    >
      <h2 id="need-title" className="flex items-center gap-2 text-lg font-semibold">
        <Wand2 aria-hidden="true" className="size-5" />
        {t('marketplace.need.title')}
      </h2>
      <p className="mt-1 text-sm text-indigo-100">{t('marketplace.need.description')}</p>
      <form
        onSubmit={(event) => void onSubmit(event)}
        className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <div className="flex-1">
          <label htmlFor={needId} className="sr-only">
            {t('marketplace.need.label')}
          </label>
          <textarea
            id={needId}
            rows={2}
            maxLength={1000}
            value={need}
            aria-invalid={tooShort || undefined}
            aria-describedby={tooShort ? `${needId}-error` : undefined}
            placeholder={t('marketplace.need.placeholder')}
            onChange={(event) => setNeed(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            className="block w-full resize-none rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          />
          {tooShort && (
            <p id={`${needId}-error`} className="mt-1 text-sm font-medium text-white">
              {t('marketplace.need.tooShort')}
            </p>
          )}
        </div>
        <Button
          type="submit"
          busy={busy}
          className="bg-white text-indigo-700 ring-0 hover:bg-indigo-50 focus-visible:outline-white"
          icon={<Sparkles aria-hidden="true" className="size-4" />}
        >
          {busy ? t('marketplace.need.finding') : t('marketplace.need.submit')}
        </Button>
      </form>
      {error && (
        <Alert tone="error" className="mt-4" reason={error?.reason}>
          {message(error)}
        </Alert>
      )}
      {answer && (
        <div className="mt-5 rounded-lg bg-white p-4 text-slate-900">
          <h3 className="text-sm font-semibold">{t('marketplace.need.results', { need: asked })}</h3>
          {answer.matches.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t('marketplace.need.none')}</p>
          ) : (
            <ol aria-label={t('marketplace.need.resultsLabel')} className="mt-3 flex flex-col gap-2">
              {answer.matches.slice(0, 5).map((match, index) => (
                <li key={match.template.id}>
                  <MatchRow rank={index + 1} match={match} onOpen={() => onOpen(match.template.id)} />
                </li>
              ))}
            </ol>
          )}
          <p className="mt-3 text-xs text-slate-500">
            {answer.method === 'offline'
              ? t('marketplace.need.methodOffline')
              : t('marketplace.need.methodModel')}
          </p>
        </div>
      )}
    </section>
  );
}

function MatchRow({
  rank,
  match,
  onOpen,
}: {
  rank: number;
  match: MatchAnswer['matches'][number];
  onOpen(): void;
}) {
  const { t, i18n } = useTranslation();
  const language = templateLanguage(i18n.language);
  const percent = Math.round(Math.max(0, Math.min(1, match.score)) * 100);
  const name = match.template.name[language] || match.template.name.en;
  return (
    <div className="relative flex items-center gap-3 rounded-md px-3 py-2.5 ring-1 ring-slate-200 focus-within:ring-2 focus-within:ring-indigo-600 hover:bg-slate-50">
      <span className="w-5 text-sm font-semibold text-slate-500 tabular-nums">{rank}</span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-semibold">
          <button
            type="button"
            onClick={onOpen}
            className="text-left after:absolute after:inset-0 focus-visible:outline-none"
          >
            {name}
          </button>
        </p>
        <p className="truncate text-xs text-slate-600">
          {match.template.description[language] || match.template.description.en}
        </p>
        {match.matchedTerms.length > 0 && (
          <p className="mt-1 flex flex-wrap items-center gap-1 text-xs text-slate-500">
            {t('marketplace.need.matchedOn')}
            {match.matchedTerms.map((term) => (
              <mark key={term} className="rounded bg-amber-100 px-1 text-amber-900">
                {term}
              </mark>
            ))}
          </p>
        )}
      </div>
      <div className="flex w-24 shrink-0 flex-col items-end gap-1">
        <span className="text-xs font-medium text-slate-600 tabular-nums">
          {t('marketplace.need.score', { percent })}
        </span>
        <span className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
          <span className="block h-full rounded-full bg-indigo-500" style={{ width: `${percent}%` }} />
        </span>
      </div>
    </div>
  );
}

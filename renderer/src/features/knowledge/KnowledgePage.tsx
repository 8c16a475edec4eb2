import type { TFunction } from 'i18next';
import { BookOpen, FileUp, Pencil, Plus, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { SearchInput } from '../../components/SearchInput';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import type { KnowledgeCollection, KnowledgeDoc, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { CollectionsNav, type Selection } from './CollectionsNav';
import { EditDocumentDialog } from './EditDocumentDialog';
import { ImportDialog } from './ImportDialog';
import { markSnippet } from './snippet';

type Hit = MethodOutput<'knowledge.search'>['hits'][number];
const pageSize = 50;
const maxBody = 200_000;

export function KnowledgePage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { editAgents } = usePermissions();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>({ kind: 'all' });
  const collections = useLoad(() => transport.call('knowledge.collections', {}), 'collections');
  const filter = selectionFilter(selection);
  const listKey = `docs:${selection.kind}:${selection.kind === 'collection' ? selection.id : ''}`;
  const list = useLoad(() => transport.call('knowledge.list', { limit: pageSize, ...filter }), listKey);
  const { update } = list;
  const docs = list.data?.docs ?? [];
  const nextBefore = list.data?.nextBefore ?? null;
  const status = list.error ? 'error' : list.loading && !list.data ? 'loading' : 'ready';
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<CallError | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; title: string } | null>(null);
  const showToast = useToastStore((state) => state.show);
  const [searchVersion, setSearchVersion] = useState(0);
  const setDocs = (change: (docs: KnowledgeDoc[]) => KnowledgeDoc[]) =>
    update((page) => ({ ...page, docs: change(page.docs) }));
  const known = collections.data?.collections ?? [];
  const nameOf = (id: string | null) => known.find((c) => c.id === id)?.name ?? null;
  const refresh = () => {
    collections.reload();
    list.reload();
    setSearchVersion((version) => version + 1);
  };
  const heading =
    selection.kind === 'collection'
      ? (nameOf(selection.id) ?? t('knowledge.documents'))
      : selection.kind === 'unfiled'
        ? t('knowledge.collections.unfiled')
        : t('knowledge.documents');

  const loadMore = async () => {
    if (nextBefore === null) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await transport.call('knowledge.list', { limit: pageSize, before: nextBefore, ...filter });
      update((current) => ({
        docs: [...current.docs, ...page.docs.filter((doc) => !current.docs.some((d) => d.id === doc.id))],
        nextBefore: page.nextBefore,
      }));
    } catch (caught) {
      setMoreError(toCallError(caught));
    } finally {
      setMoreBusy(false);
    }
  };

  const addButton = editAgents && (
    <Button
      variant="primary"
      icon={<Plus aria-hidden="true" className="size-4" />}
      onClick={() => setAdding(true)}
    >
      {t('knowledge.add')}
    </Button>
  );
  const importButton = editAgents && (
    <Button icon={<FileUp aria-hidden="true" className="size-4" />} onClick={() => setImporting(true)}>
      {t('knowledge.import.open')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('knowledge.title')}
        description={t('knowledge.description')}
        actions={
          editAgents ? (
            <div className="flex flex-wrap gap-2">
              {importButton}
              {addButton}
            </div>
          ) : undefined
        }
      />
      <div className="grid gap-6 md:grid-cols-[13rem_minmax(0,1fr)]">
        <aside>
          {collections.error ? (
            <ErrorState error={collections.error} onRetry={collections.reload} />
          ) : !collections.data ? (
            <LoadingState label={t('knowledge.collections.loading')} />
          ) : (
            <CollectionsNav
              data={collections.data}
              selection={selection}
              onSelect={setSelection}
              canEdit={editAgents}
              onChanged={(next) => {
                if (next) setSelection(next);
                refresh();
              }}
            />
          )}
        </aside>
        <div className="min-w-0">
          <KnowledgeSearch
            key={`${searchVersion}:${listKey}`}
            collectionIds={
              selection.kind === 'collection'
                ? [selection.id]
                : selection.kind === 'unfiled'
                  ? [null]
                  : undefined
            }
            onOpen={(hit) => setEditing(hit.id)}
          />
          <Card title={heading} titleId="knowledge-docs">
            {status === 'error' ? (
              <ErrorState error={list.error} onRetry={list.reload} />
            ) : status === 'loading' ? (
              <LoadingState label={t('knowledge.loading')} />
            ) : docs.length === 0 ? (
              <EmptyState
                icon={BookOpen}
                title={selection.kind === 'all' ? t('knowledge.empty') : t('knowledge.emptyCollection')}
                action={
                  editAgents ? (
                    <div className="flex flex-wrap justify-center gap-2">
                      {importButton}
                      {addButton}
                    </div>
                  ) : undefined
                }
              >
                {t('knowledge.emptyHint')}
              </EmptyState>
            ) : (
              <>
                <ul aria-label={heading} className="divide-y divide-slate-100">
                  {docs.map((doc) => (
                    <li key={doc.id} className="flex items-start gap-3 px-5 py-3.5">
                      <div className="min-w-0 flex-1">
                        <p className="flex flex-wrap items-center gap-2">
                          <button
                            type="button"
                            className="text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                            onClick={() => setEditing(doc.id)}
                          >
                            {doc.title}
                          </button>
                          {selection.kind === 'all' && doc.collectionId && (
                            <Badge tone="accent">{nameOf(doc.collectionId)}</Badge>
                          )}
                        </p>
                        <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{doc.body}</p>
                        <DocMeta doc={doc} />
                      </div>
                      {editAgents && (
                        <div className="flex shrink-0 gap-1">
                          <Button
                            size="sm"
                            variant="ghost"
                            icon={<Pencil aria-hidden="true" className="size-4" />}
                            aria-label={t('knowledge.editNamed', { title: doc.title })}
                            onClick={() => setEditing(doc.id)}
                          >
                            {t('knowledge.editShort')}
                          </Button>
                          <Button
                            size="sm"
                            variant="ghostDanger"
                            icon={<Trash2 aria-hidden="true" className="size-4" />}
                            aria-label={t('knowledge.deleteNamed', { title: doc.title })}
                            onClick={() => setDeleting({ id: doc.id, title: doc.title })}
                          />
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
                {moreError && (
                  <p role="alert" className="px-5 pt-3 text-center text-sm text-red-700">
                    {message(moreError)}
                  </p>
                )}
                {nextBefore !== null && (
                  <div className="flex justify-center px-5 py-4">
                    <Button busy={moreBusy} onClick={() => void loadMore()}>
                      {t('knowledge.loadMore')}
                    </Button>
                  </div>
                )}
              </>
            )}
          </Card>
        </div>
      </div>
      <AddDocumentDialog
        open={adding}
        onOpenChange={setAdding}
        collections={known}
        collectionId={selection.kind === 'collection' ? selection.id : null}
        onAdded={(doc) => {
          refresh();
          showToast('success', t('knowledge.added', { title: doc.title }));
        }}
      />
      <ImportDialog
        open={importing}
        onOpenChange={setImporting}
        collections={known}
        collectionId={selection.kind === 'collection' ? selection.id : null}
        onImported={(answer) => {
          refresh();
          showToast(
            'success',
            t('knowledge.import.done', { count: answer.created.length, source: answer.sourceName }),
          );
        }}
      />
      <EditDocumentDialog
        docId={editing}
        collections={known}
        canEdit={editAgents}
        onOpenChange={(open) => !open && setEditing(null)}
        onSaved={(doc) => {
          setDocs((docs) => docs.map((d) => (d.id === doc.id ? doc : d)));
          collections.reload();
          setSearchVersion((version) => version + 1);
          showToast('success', t('knowledge.saved', { title: doc.title }));
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('knowledge.confirmDelete.title', { title: deleting?.title ?? '' })}
        description={t('knowledge.confirmDelete.description')}
        confirmLabel={t('knowledge.confirmDelete.confirm')}
        onConfirm={async () => {
          if (!deleting) return;
          await transport.call('knowledge.delete', { docId: deleting.id });
          setDocs((docs) => docs.filter((doc) => doc.id !== deleting.id));
          collections.reload();
          setSearchVersion((version) => version + 1);
          showToast('success', t('knowledge.deleted', { title: deleting.title }));
        }}
      />
    </>
  );
}

function selectionFilter(selection: Selection): { collectionId?: string | null } {
  if (selection.kind === 'collection') return { collectionId: selection.id };
  if (selection.kind === 'unfiled') return { collectionId: null };
  return {};
}

function DocMeta({ doc }: { doc: KnowledgeDoc }) {
  const { t } = useTranslation();
  const { date, number } = useFormat();
  const words = doc.body.trim() ? doc.body.trim().split(/\s+/).length : 0;
  const source = sourceLabel(t, doc);
  return (
    <p className="mt-1 flex flex-wrap gap-x-1.5 text-xs text-slate-500">
      {source && <span className="max-w-full truncate">{source} ·</span>}
      <span>
        {doc.updatedAt
          ? t('knowledge.metaEdited', {
              date: date(doc.updatedAt),
              name: doc.updatedBy ?? '',
              version: doc.version,
              words: number(words),
              count: words,
            })
          : t('knowledge.meta', { date: date(doc.createdAt), words: number(words), count: words })}
      </span>
    </p>
  );
}

const importedKinds = ['pdf', 'docx', 'csv', 'url'] as const;

/** Where a document came from: "PDF · price-list.pdf", "Web page · https://…", a template's name. */
function sourceLabel(t: TFunction, doc: KnowledgeDoc): string | null {
  const kind = importedKinds.find((k) => k === doc.source);
  if (kind) return `${t(`knowledge.source.${kind}`)}${doc.sourceName ? ` · ${doc.sourceName}` : ''}`;
  if (doc.source === 'manual' || !doc.source) return null;
  return doc.sourceName ?? null;
}

function KnowledgeSearch({
  collectionIds,
  onOpen,
}: {
  collectionIds?: (string | null)[] | undefined;
  onOpen(hit: Hit): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const inputId = useId();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const request = useRef(0);
  // stable while the page's filter stays the same
  const scopeKey = collectionIds ? JSON.stringify(collectionIds) : '';
  const scope = useMemo(
    () => (scopeKey ? (JSON.parse(scopeKey) as (string | null)[]) : undefined),
    [scopeKey],
  );

  const search = useCallback(
    async (text: string) => {
      const mine = ++request.current;
      if (!text.trim()) {
        setHits(null);
        setAsked('');
        setError(null);
        return;
      }
      setBusy(true);
      setError(null);
      try {
        const answer = await transport.call('knowledge.search', {
          q: text.trim(),
          limit: 10,
          ...(scope ? { collectionIds: scope } : {}),
        });
        if (mine !== request.current) return;
        setHits(answer.hits);
        setAsked(text.trim());
      } catch (caught) {
        if (mine === request.current) setError(toCallError(caught));
      } finally {
        if (mine === request.current) setBusy(false);
      }
    },
    [scope],
  );

  useEffect(() => {
    const timer = setTimeout(() => void search(q), 300);
    return () => clearTimeout(timer);
  }, [q, search]);

  return (
    <section className="mb-6">
      <form
        role="search"
        aria-label={t('knowledge.search.title')}
        onSubmit={(event) => {
          event.preventDefault();
          void search(q);
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          {t('knowledge.search.label')}
        </label>
        <SearchInput
          id={inputId}
          value={q}
          maxLength={500}
          large
          placeholder={t('knowledge.search.placeholder')}
          onChange={setQ}
        />
      </form>
      {error && (
        <Alert tone="error" className="mt-3" reason={error?.reason}>
          {message(error)}
        </Alert>
      )}
      {hits !== null && (
        <Card className="mt-3">
          <div aria-live="polite" className="px-5 pt-3 pb-1 text-xs font-medium text-slate-500">
            {busy
              ? t('knowledge.search.searching')
              : t('knowledge.search.results', { count: hits.length, q: asked })}
          </div>
          {hits.length === 0 ? (
            <p className="px-5 pb-4 text-sm text-slate-600">{t('knowledge.search.none')}</p>
          ) : (
            <ol aria-label={t('knowledge.search.resultsLabel')} className="divide-y divide-slate-100">
              {hits.map((hit) => (
                <li key={hit.id} className="flex items-start gap-4 px-5 py-3">
                  <div className="min-w-0 flex-1">
                    <button
                      type="button"
                      className="text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                      onClick={() => onOpen(hit)}
                    >
                      {hit.title}
                    </button>
                    <p className="mt-0.5 text-sm text-slate-600">
                      <Snippet text={hit.snippet} />
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Card>
      )}
    </section>
  );
}

/** Matches wrapped in [ ] become <mark>; everything is rendered as text, never as HTML. */
export function Snippet({ text }: { text: string }) {
  return (
    <>
      {markSnippet(text).map((part, index) =>
        part.mark ? (
          <mark key={index} className="rounded bg-amber-100 px-0.5 text-amber-950">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

function AddDocumentDialog({
  open,
  onOpenChange,
  onAdded,
  collections,
  collectionId,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onAdded(doc: KnowledgeDoc): void;
  collections: KnowledgeCollection[];
  collectionId: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('knowledge.addDialog.title')}
      description={t('knowledge.addDialog.description')}
    >
      {open && (
        <AddDocumentForm
          collections={collections}
          collectionId={collectionId}
          onClose={() => onOpenChange(false)}
          onAdded={onAdded}
        />
      )}
    </Dialog>
  );
}

function AddDocumentForm({
  onClose,
  onAdded,
  collections,
  collectionId: initialCollection,
}: {
  onClose(): void;
  onAdded(doc: KnowledgeDoc): void;
  collections: KnowledgeCollection[];
  collectionId: string | null;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { number } = useFormat();
  const form = useRef<HTMLFormElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [source, setSource] = useState('manual');
  const [collectionId, setCollectionId] = useState(initialCollection ?? '');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const submit = useSubmit(async () => {
    const doc = await transport.call('knowledge.add', {
      title: title.trim(),
      body: body.trim(),
      source,
      collectionId: collectionId || null,
    });
    onAdded(doc);
    onClose();
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!title.trim() || title.trim().length > 200) found.title = t('knowledge.addDialog.titleInvalid');
    if (!body.trim()) found.body = t('validation.required');
    else if (body.length > maxBody)
      found.body = t('knowledge.addDialog.bodyTooLong', { max: number(maxBody) });
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const readFile = async (chosen: File) => {
    const text = await chosen.text();
    setBody(text.slice(0, maxBody));
    setSource(chosen.name.slice(0, 200));
    if (!title.trim()) setTitle(chosen.name.replace(/\.[^.]+$/, '').slice(0, 200));
  };

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('knowledge.addDialog.titleLabel')}
        autoFocus
        maxLength={200}
        value={title}
        placeholder={t('knowledge.addDialog.titlePlaceholder')}
        error={errors.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextAreaField
        label={t('knowledge.addDialog.body')}
        rows={10}
        value={body}
        placeholder={t('knowledge.addDialog.bodyPlaceholder')}
        hint={t('knowledge.addDialog.bodyHint', { count: body.length, formatted: number(body.length) })}
        error={errors.body}
        onChange={(event) => setBody(event.target.value)}
      />
      <SelectField
        label={t('knowledge.edit.collection')}
        value={collectionId}
        onChange={(event) => setCollectionId(event.target.value)}
        options={[
          { value: '', label: t('knowledge.collections.unfiled') },
          ...collections.map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
      <div>
        <input
          ref={file}
          type="file"
          accept=".txt,.md,.csv,text/plain,text/markdown,text/csv"
          className="hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) void readFile(chosen);
          }}
        />
        <Button
          size="sm"
          icon={<FileUp aria-hidden="true" className="size-4" />}
          onClick={() => file.current?.click()}
        >
          {t('knowledge.addDialog.fromFile')}
        </Button>
      </div>
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('knowledge.addDialog.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}

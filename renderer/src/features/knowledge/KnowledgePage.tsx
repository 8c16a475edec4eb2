import { BookOpen, FileUp, Plus, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { SearchInput } from '../../components/SearchInput';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import type { KnowledgeDoc, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { markSnippet } from './snippet';

type Hit = MethodOutput<'knowledge.search'>['hits'][number];
const pageSize = 50;
const maxBody = 200_000;

export function KnowledgePage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { editAgents } = usePermissions();
  const [adding, setAdding] = useState(false);
  const list = useLoad(() => transport.call('knowledge.list', { limit: pageSize }), 'docs');
  const { update } = list;
  const docs = list.data?.docs ?? [];
  const nextBefore = list.data?.nextBefore ?? null;
  const status = list.error ? 'error' : list.loading ? 'loading' : 'ready';
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<CallError | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; title: string } | null>(null);
  const showToast = useToastStore((state) => state.show);
  const [searchVersion, setSearchVersion] = useState(0);
  const setDocs = (change: (docs: KnowledgeDoc[]) => KnowledgeDoc[]) =>
    update((page) => ({ ...page, docs: change(page.docs) }));

  const loadMore = async () => {
    if (nextBefore === null) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await transport.call('knowledge.list', { limit: pageSize, before: nextBefore });
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

  return (
    <>
      <PageHeader title={t('knowledge.title')} description={t('knowledge.description')} actions={addButton} />
      <KnowledgeSearch
        key={searchVersion}
        onDelete={editAgents ? (hit) => setDeleting({ id: hit.id, title: hit.title }) : undefined}
      />
      <Card title={t('knowledge.documents')} titleId="knowledge-docs">
        {status === 'error' ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : status === 'loading' ? (
          <LoadingState label={t('knowledge.loading')} />
        ) : docs.length === 0 ? (
          <EmptyState icon={BookOpen} title={t('knowledge.empty')} action={addButton}>
            {t('knowledge.emptyHint')}
          </EmptyState>
        ) : (
          <>
            <ul aria-label={t('knowledge.documents')} className="divide-y divide-slate-100">
              {docs.map((doc) => (
                <li key={doc.id} className="flex items-start gap-4 px-5 py-3.5">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{doc.title}</span>
                      {doc.source && doc.source !== 'manual' && <Badge>{doc.source}</Badge>}
                    </p>
                    <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{doc.body}</p>
                    <DocMeta doc={doc} />
                  </div>
                  {editAgents && (
                    <Button
                      size="sm"
                      variant="ghostDanger"
                      icon={<Trash2 aria-hidden="true" className="size-4" />}
                      aria-label={t('knowledge.deleteNamed', { title: doc.title })}
                      onClick={() => setDeleting({ id: doc.id, title: doc.title })}
                    >
                      {t('knowledge.delete')}
                    </Button>
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
      <AddDocumentDialog
        open={adding}
        onOpenChange={setAdding}
        onAdded={(doc) => {
          if (list.data) setDocs((docs) => [doc, ...docs]);
          else list.reload();
          showToast('success', t('knowledge.added', { title: doc.title }));
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
          setSearchVersion((version) => version + 1);
          showToast('success', t('knowledge.deleted', { title: deleting.title }));
        }}
      />
    </>
  );
}

function DocMeta({ doc }: { doc: KnowledgeDoc }) {
  const { t } = useTranslation();
  const { date, number } = useFormat();
  const words = doc.body.trim() ? doc.body.trim().split(/\s+/).length : 0;
  return (
    <p className="mt-1 text-xs text-slate-500">
      {t('knowledge.meta', { date: date(doc.createdAt), words: number(words), count: words })}
    </p>
  );
}

function KnowledgeSearch({ onDelete }: { onDelete?: (hit: Hit) => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const inputId = useId();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const request = useRef(0);

  const search = useCallback(async (text: string) => {
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
      const answer = await transport.call('knowledge.search', { q: text.trim(), limit: 10 });
      if (mine !== request.current) return;
      setHits(answer.hits);
      setAsked(text.trim());
    } catch (caught) {
      if (mine === request.current) setError(toCallError(caught));
    } finally {
      if (mine === request.current) setBusy(false);
    }
  }, []);

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
        <Alert tone="error" className="mt-3">
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
                    <p className="font-medium text-slate-900">{hit.title}</p>
                    <p className="mt-0.5 text-sm text-slate-600">
                      <Snippet text={hit.snippet} />
                    </p>
                  </div>
                  {onDelete && (
                    <Button
                      size="sm"
                      variant="ghostDanger"
                      aria-label={t('knowledge.deleteNamed', { title: hit.title })}
                      icon={<Trash2 aria-hidden="true" className="size-4" />}
                      onClick={() => onDelete(hit)}
                    />
                  )}
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
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onAdded(doc: KnowledgeDoc): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('knowledge.addDialog.title')}
      description={t('knowledge.addDialog.description')}
    >
      {open && <AddDocumentForm onClose={() => onOpenChange(false)} onAdded={onAdded} />}
    </Dialog>
  );
}

function AddDocumentForm({ onClose, onAdded }: { onClose(): void; onAdded(doc: KnowledgeDoc): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { number } = useFormat();
  const form = useRef<HTMLFormElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [source, setSource] = useState('manual');
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const submit = useSubmit(async () => {
    const doc = await transport.call('knowledge.add', { title: title.trim(), body: body.trim(), source });
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
      {submit.error && <Alert tone="error">{message(submit.error)}</Alert>}
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

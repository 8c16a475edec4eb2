import { History, RotateCcw } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { KnowledgeCollection, KnowledgeDoc, KnowledgeVersion } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { transport } from '../../transport';

const maxBody = 200_000;
const unfiledValue = '';

export function EditDocumentDialog({
  docId,
  collections,
  canEdit,
  onOpenChange,
  onSaved,
}: {
  docId: string | null;
  collections: KnowledgeCollection[];
  canEdit: boolean;
  onOpenChange(open: boolean): void;
  onSaved(doc: KnowledgeDoc): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={docId !== null}
      onOpenChange={onOpenChange}
      size="lg"
      title={canEdit ? t('knowledge.edit.title') : t('knowledge.edit.viewTitle')}
      description={t('knowledge.edit.description')}
    >
      {docId && (
        <EditLoader
          key={docId}
          docId={docId}
          collections={collections}
          canEdit={canEdit}
          onClose={() => onOpenChange(false)}
          onSaved={onSaved}
        />
      )}
    </Dialog>
  );
}

function EditLoader({
  docId,
  ...rest
}: {
  docId: string;
  collections: KnowledgeCollection[];
  canEdit: boolean;
  onClose(): void;
  onSaved(doc: KnowledgeDoc): void;
}) {
  const { t } = useTranslation();
  const loaded = useLoad(() => transport.call('knowledge.get', { docId }), docId);
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <LoadingState label={t('knowledge.edit.loading')} />;
  return (
    <EditForm
      key={loaded.data.doc.version}
      doc={loaded.data.doc}
      history={loaded.data.history}
      onReload={loaded.reload}
      {...rest}
    />
  );
}

function EditForm({
  doc,
  history,
  collections,
  canEdit,
  onClose,
  onSaved,
  onReload,
}: {
  doc: KnowledgeDoc;
  history: KnowledgeVersion[];
  collections: KnowledgeCollection[];
  canEdit: boolean;
  onClose(): void;
  onSaved(doc: KnowledgeDoc): void;
  onReload(): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { number, dateTime } = useFormat();
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState(doc.title);
  const [body, setBody] = useState(doc.body);
  const [collectionId, setCollectionId] = useState(doc.collectionId ?? unfiledValue);
  const [showHistory, setShowHistory] = useState(false);
  const [viewing, setViewing] = useState<number | null>(history[0]?.version ?? null);
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const submit = useSubmit(async () => {
    const saved = await transport.call('knowledge.update', {
      docId: doc.id,
      title: title.trim(),
      body: body.trim(),
      collectionId: collectionId || null,
    });
    onSaved(saved);
    onClose();
  });
  const restore = useSubmit(async (version: number) => {
    const saved = await transport.call('knowledge.restoreVersion', { docId: doc.id, version });
    onSaved(saved);
    onReload();
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

  const shown = history.find((v) => v.version === viewing) ?? null;
  const author = (name: string | null) => name ?? t('knowledge.history.unknownAuthor');

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <p className="text-sm text-slate-600">
        {doc.updatedAt
          ? t('knowledge.edit.versionEdited', {
              version: doc.version,
              name: author(doc.updatedBy),
              date: dateTime(doc.updatedAt),
            })
          : t('knowledge.edit.versionAdded', { version: doc.version, date: dateTime(doc.createdAt) })}
        {doc.sourceName && <> · {t('knowledge.edit.from', { source: doc.sourceName })}</>}
      </p>
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_14rem]">
        <TextField
          label={t('knowledge.addDialog.titleLabel')}
          maxLength={200}
          value={title}
          readOnly={!canEdit}
          error={errors.title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <SelectField
          label={t('knowledge.edit.collection')}
          value={collectionId}
          disabled={!canEdit}
          onChange={(event) => setCollectionId(event.target.value)}
          options={[
            { value: unfiledValue, label: t('knowledge.collections.unfiled') },
            ...collections.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </div>
      <TextAreaField
        label={t('knowledge.addDialog.body')}
        rows={12}
        value={body}
        readOnly={!canEdit}
        hint={t('knowledge.addDialog.bodyHint', { count: body.length, formatted: number(body.length) })}
        error={errors.body}
        onChange={(event) => setBody(event.target.value)}
      />
      <section aria-labelledby="knowledge-history-title" className="rounded-lg border border-slate-200">
        <h3 id="knowledge-history-title" className="m-0">
          <button
            type="button"
            aria-expanded={showHistory}
            onClick={() => setShowHistory((open) => !open)}
            className="flex w-full items-center gap-2 px-4 py-2.5 text-left text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <History aria-hidden="true" className="size-4" />
            {t('knowledge.history.title', { count: history.length, formatted: number(history.length) })}
          </button>
        </h3>
        {showHistory &&
          (history.length === 0 ? (
            <p className="px-4 pb-3 text-sm text-slate-600">{t('knowledge.history.empty')}</p>
          ) : (
            <div className="grid gap-3 border-t border-slate-200 p-3 sm:grid-cols-[13rem_minmax(0,1fr)]">
              <ol aria-label={t('knowledge.history.listLabel')} className="flex flex-col gap-1">
                {history.map((v) => (
                  <li key={v.version}>
                    <button
                      type="button"
                      aria-current={v.version === viewing ? 'true' : undefined}
                      onClick={() => setViewing(v.version)}
                      className={cx(
                        'w-full rounded-md px-2.5 py-1.5 text-left text-sm',
                        v.version === viewing
                          ? 'bg-indigo-50 text-indigo-900'
                          : 'text-slate-700 hover:bg-slate-100',
                      )}
                    >
                      <span className="block font-medium">
                        {t('knowledge.history.version', { version: v.version })}
                      </span>
                      <span className="block text-xs text-slate-600">
                        {author(v.authorName)} · {dateTime(v.createdAt)}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
              {shown && (
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-900">{shown.title}</p>
                  <p className="mt-1 max-h-48 overflow-y-auto text-sm whitespace-pre-wrap text-slate-700">
                    {shown.body}
                  </p>
                  {restore.error && (
                    <Alert tone="error" className="mt-2" reason={restore.error?.reason}>
                      {message(restore.error)}
                    </Alert>
                  )}
                  {canEdit && (
                    <Button
                      size="sm"
                      className="mt-3"
                      busy={restore.busy}
                      icon={<RotateCcw aria-hidden="true" className="size-4" />}
                      onClick={() => void restore.run(shown.version)}
                    >
                      {t('knowledge.history.restore', { version: shown.version })}
                    </Button>
                  )}
                </div>
              )}
            </div>
          ))}
      </section>
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {canEdit ? t('common.cancel') : t('common.close')}
        </Button>
        {canEdit && (
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('knowledge.edit.save')}
          </Button>
        )}
      </DialogActions>
    </form>
  );
}

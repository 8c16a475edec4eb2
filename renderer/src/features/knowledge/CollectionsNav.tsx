import { FolderOpen, Inbox, Library, Pencil, Plus, Trash2 } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import type { KnowledgeCollection, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { transport } from '../../transport';

export type Collections = MethodOutput<'knowledge.collections'>;
/** What the list shows: every document, one collection, or those in none. */
export type Selection = { kind: 'all' } | { kind: 'unfiled' } | { kind: 'collection'; id: string };

export function CollectionsNav({
  data,
  selection,
  onSelect,
  canEdit,
  onChanged,
}: {
  data: Collections;
  selection: Selection;
  onSelect(selection: Selection): void;
  canEdit: boolean;
  onChanged(next?: Selection): void;
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const [editing, setEditing] = useState<KnowledgeCollection | 'new' | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeCollection | null>(null);
  const total = data.collections.reduce((sum, c) => sum + c.docCount, data.unfiled.docCount);
  const selected =
    selection.kind === 'collection' ? data.collections.find((c) => c.id === selection.id) : null;

  const item = (
    key: string,
    active: boolean,
    icon: React.ReactNode,
    label: string,
    count: number,
    pick: Selection,
  ) => (
    <li key={key}>
      <button
        type="button"
        aria-current={active ? 'true' : undefined}
        onClick={() => onSelect(pick)}
        className={cx(
          'flex w-full items-center gap-2 rounded-md px-2.5 py-2 text-left text-sm',
          active ? 'bg-indigo-50 font-medium text-indigo-900' : 'text-slate-700 hover:bg-slate-100',
        )}
      >
        {icon}
        <span className="min-w-0 flex-1 truncate">{label}</span>
        <span className="text-xs text-slate-500 tabular-nums">{number(count)}</span>
      </button>
    </li>
  );

  return (
    <nav aria-label={t('knowledge.collections.label')} className="flex flex-col gap-3">
      <ul className="flex flex-col gap-0.5">
        {item(
          'all',
          selection.kind === 'all',
          <Library aria-hidden="true" className="size-4 shrink-0" />,
          t('knowledge.collections.all'),
          total,
          { kind: 'all' },
        )}
      </ul>
      <div>
        <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {t('knowledge.collections.title')}
        </h2>
        {data.collections.length === 0 ? (
          <p className="px-2.5 py-1 text-sm text-slate-500">{t('knowledge.collections.none')}</p>
        ) : (
          <ul className="flex flex-col gap-0.5">
            {data.collections.map((c) =>
              item(
                c.id,
                selection.kind === 'collection' && selection.id === c.id,
                <FolderOpen aria-hidden="true" className="size-4 shrink-0" />,
                c.name,
                c.docCount,
                { kind: 'collection', id: c.id },
              ),
            )}
          </ul>
        )}
        <ul className="mt-0.5 flex flex-col gap-0.5">
          {item(
            'unfiled',
            selection.kind === 'unfiled',
            <Inbox aria-hidden="true" className="size-4 shrink-0" />,
            t('knowledge.collections.unfiled'),
            data.unfiled.docCount,
            { kind: 'unfiled' },
          )}
        </ul>
      </div>
      {canEdit && (
        <div className="flex flex-col items-start gap-1 border-t border-slate-200 pt-3">
          <Button
            size="sm"
            variant="ghost"
            icon={<Plus aria-hidden="true" className="size-4" />}
            onClick={() => setEditing('new')}
          >
            {t('knowledge.collections.new')}
          </Button>
          {selected && (
            <>
              <Button
                size="sm"
                variant="ghost"
                icon={<Pencil aria-hidden="true" className="size-4" />}
                onClick={() => setEditing(selected)}
              >
                {t('knowledge.collections.rename', { name: selected.name })}
              </Button>
              <Button
                size="sm"
                variant="ghostDanger"
                icon={<Trash2 aria-hidden="true" className="size-4" />}
                onClick={() => setDeleting(selected)}
              >
                {t('knowledge.collections.delete', { name: selected.name })}
              </Button>
            </>
          )}
        </div>
      )}
      <Dialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        size="sm"
        title={
          editing === 'new' ? t('knowledge.collections.newTitle') : t('knowledge.collections.renameTitle')
        }
        description={t('knowledge.collections.formDescription')}
      >
        {editing !== null && (
          <CollectionForm
            collection={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={(saved) => onChanged({ kind: 'collection', id: saved.id })}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('knowledge.collections.confirmDelete.title', { name: deleting?.name ?? '' })}
        description={t('knowledge.collections.confirmDelete.description', {
          count: deleting?.docCount ?? 0,
          formatted: number(deleting?.docCount ?? 0),
        })}
        confirmLabel={t('knowledge.collections.confirmDelete.confirm')}
        onConfirm={async () => {
          if (!deleting) return;
          await transport.call('knowledge.deleteCollection', { collectionId: deleting.id });
          onChanged({ kind: 'all' });
        }}
      />
    </nav>
  );
}

function CollectionForm({
  collection,
  onClose,
  onSaved,
}: {
  collection: KnowledgeCollection | null;
  onClose(): void;
  onSaved(collection: KnowledgeCollection): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(collection?.name ?? '');
  const [description, setDescription] = useState(collection?.description ?? '');
  const [error, setError] = useState<string | undefined>();
  const submit = useSubmit(async () => {
    const saved = collection
      ? await transport.call('knowledge.updateCollection', {
          collectionId: collection.id,
          name: name.trim(),
          description: description.trim(),
        })
      : await transport.call('knowledge.createCollection', {
          name: name.trim(),
          description: description.trim(),
        });
    onSaved(saved);
    onClose();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = !name.trim() || name.trim().length > 80;
    setError(invalid ? t('knowledge.collections.nameInvalid') : undefined);
    if (invalid) return focusFirstInvalid(form.current);
    void submit.run();
  };
  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('fields.name')}
        autoFocus
        maxLength={80}
        value={name}
        placeholder={t('knowledge.collections.namePlaceholder')}
        error={error}
        onChange={(event) => setName(event.target.value)}
      />
      <TextAreaField
        label={t('knowledge.collections.descriptionLabel')}
        optional={t('common.optional')}
        rows={2}
        maxLength={500}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {collection ? t('knowledge.collections.save') : t('knowledge.collections.create')}
        </Button>
      </DialogActions>
    </form>
  );
}

import { FileUp, Globe } from 'lucide-react';
import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import type { KnowledgeCollection, MethodInput, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { toCallError, transport, type CallError } from '../../transport';
import { fileToBase64, importAccept, importMaxBytes } from './file-data';

type ImportInput = MethodInput<'knowledge.import'>;
type ImportAnswer = MethodOutput<'knowledge.import'>;
type Source = { file: NonNullable<ImportInput['file']> } | { url: string };
const unfiledValue = '';
const previewItems = 20;

export function ImportDialog({
  open,
  onOpenChange,
  collections,
  collectionId,
  onImported,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  collections: KnowledgeCollection[];
  /** The collection chosen in the page (the default target). */
  collectionId: string | null;
  onImported(answer: ImportAnswer): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      locked={busy}
      title={t('knowledge.import.title')}
      description={t('knowledge.import.description')}
    >
      {open && (
        <ImportForm
          collections={collections}
          collectionId={collectionId}
          onBusy={setBusy}
          onClose={() => onOpenChange(false)}
          onImported={onImported}
        />
      )}
    </Dialog>
  );
}

function ImportForm({
  collections,
  collectionId: initialCollection,
  onBusy,
  onClose,
  onImported,
}: {
  collections: KnowledgeCollection[];
  collectionId: string | null;
  onBusy(busy: boolean): void;
  onClose(): void;
  onImported(answer: ImportAnswer): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { number } = useFormat();
  const fileInput = useRef<HTMLInputElement>(null);
  const dropHint = useId();
  const urlHint = useId();
  const [url, setUrl] = useState('');
  const [collectionId, setCollectionId] = useState(initialCollection ?? unfiledValue);
  const [source, setSource] = useState<Source | null>(null);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [phase, setPhase] = useState<'idle' | 'reading' | 'importing'>('idle');
  const [error, setError] = useState<CallError | string | null>(null);
  const [dragging, setDragging] = useState(false);

  const run = async (next: Source, save: boolean) => {
    setPhase(save ? 'importing' : 'reading');
    onBusy(true);
    setError(null);
    try {
      const answer = await transport.call('knowledge.import', {
        ...next,
        collectionId: collectionId || null,
        preview: !save,
      });
      if (save) {
        onImported(answer);
        onClose();
      } else {
        setSource(next);
        setPreview(answer);
      }
    } catch (caught) {
      setError(toCallError(caught));
      if (!save) setPreview(null);
    } finally {
      setPhase('idle');
      onBusy(false);
    }
  };

  const pickFile = async (file: File) => {
    setPreview(null);
    if (file.size > importMaxBytes) {
      setError(t('errors.reasons.file_too_large', { maxMb: importMaxBytes / 1024 / 1024 }));
      return;
    }
    setPhase('reading');
    const data = await fileToBase64(file);
    await run({ file: { name: file.name.slice(0, 255), data } }, false);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void pickFile(file);
  };

  const onUrl = (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim()) return;
    void run({ url: url.trim() }, false);
  };

  const busy = phase !== 'idle';
  const errorText = error === null ? null : typeof error === 'string' ? error : message(error);

  return (
    <div className="flex flex-col gap-4">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cx(
          'flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center',
          dragging ? 'border-indigo-500 bg-indigo-50' : 'border-slate-300',
        )}
      >
        <FileUp aria-hidden="true" className="size-6 text-slate-500" />
        <p id={dropHint} className="text-sm text-slate-700">
          {t('knowledge.import.dropHint', { maxMb: importMaxBytes / 1024 / 1024 })}
        </p>
        <input
          ref={fileInput}
          type="file"
          accept={importAccept}
          className="hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) void pickFile(chosen);
          }}
        />
        <Button
          size="sm"
          disabled={busy}
          aria-describedby={dropHint}
          onClick={() => fileInput.current?.click()}
        >
          {t('knowledge.import.chooseFile')}
        </Button>
      </div>
      <form onSubmit={onUrl}>
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            className="min-w-0 flex-1"
            label={t('knowledge.import.urlLabel')}
            type="url"
            inputMode="url"
            placeholder="https://"
            aria-describedby={urlHint}
            value={url}
            maxLength={2000}
            onChange={(event) => setUrl(event.target.value)}
          />
          <Button
            type="submit"
            disabled={busy || !url.trim()}
            icon={<Globe aria-hidden="true" className="size-4" />}
          >
            {t('knowledge.import.fetch')}
          </Button>
        </div>
        <p id={urlHint} className="mt-1.5 text-sm text-slate-500">
          {t('knowledge.import.urlHint')}
        </p>
      </form>
      <div role="status" aria-live="polite">
        {busy && (
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <Spinner />
            {phase === 'importing' ? t('knowledge.import.importing') : t('knowledge.import.reading')}
          </p>
        )}
      </div>
      {errorText && <Alert tone="error">{errorText}</Alert>}
      {preview && !busy && (
        <section aria-labelledby="knowledge-import-preview" className="rounded-lg border border-slate-200">
          <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5">
            <h3 id="knowledge-import-preview" className="text-sm font-semibold text-slate-900">
              {t('knowledge.import.previewTitle', {
                count: preview.docs.length,
                formatted: number(preview.docs.length),
              })}
            </h3>
            <Badge>{t(`knowledge.source.${preview.kind}`)}</Badge>
            <span className="min-w-0 truncate text-sm text-slate-600">{preview.sourceName}</span>
          </div>
          {preview.lineErrors.length > 0 && (
            <div className="border-b border-slate-200 px-4 py-2.5">
              <p className="text-sm font-medium text-amber-900">
                {t('knowledge.import.lineErrors', {
                  count: preview.lineErrors.length,
                  formatted: number(preview.lineErrors.length),
                })}
              </p>
              <ul className="mt-1 max-h-28 list-disc overflow-y-auto pl-5 text-sm text-slate-700">
                {preview.lineErrors.map((e) => (
                  <li key={`${e.line}-${e.reason}`}>
                    {t('knowledge.import.lineError', {
                      line: number(e.line),
                      reason: t(`errors.reasons.${e.reason}`),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ol className="max-h-64 divide-y divide-slate-100 overflow-y-auto">
            {preview.docs.slice(0, previewItems).map((doc, index) => (
              <li key={index} className="px-4 py-2">
                <p className="text-sm font-medium text-slate-900">{doc.title}</p>
                <p className="line-clamp-3 text-sm whitespace-pre-line text-slate-600">
                  {doc.body.slice(0, 600)}
                </p>
              </li>
            ))}
          </ol>
          {preview.docs.length > previewItems && (
            <p className="border-t border-slate-200 px-4 py-2 text-sm text-slate-600">
              {t('knowledge.import.more', { formatted: number(preview.docs.length - previewItems) })}
            </p>
          )}
        </section>
      )}
      <SelectField
        label={t('knowledge.import.into')}
        value={collectionId}
        onChange={(event) => setCollectionId(event.target.value)}
        options={[
          { value: unfiledValue, label: t('knowledge.collections.unfiled') },
          ...collections.map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="primary"
          busy={phase === 'importing'}
          disabled={!preview || !source || preview.docs.length === 0 || busy}
          onClick={() => source && void run(source, true)}
        >
          {preview
            ? t('knowledge.import.submit', {
                count: preview.docs.length,
                formatted: number(preview.docs.length),
              })
            : t('knowledge.import.submitEmpty')}
        </Button>
      </DialogActions>
    </div>
  );
}

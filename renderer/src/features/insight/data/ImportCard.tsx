import { FileDown, FileUp } from 'lucide-react';
import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ProgressBar } from '../../../components/ProgressBar';
import { Spinner } from '../../../components/Spinner';
import { Table, Td, Th } from '../../../components/Table';
import type { MethodOutput } from '../../../contract';
import { useErrorMessage } from '../../../i18n/error-message';
import { useFormat } from '../../../i18n/format';
import { cx } from '../../../lib/cx';
import { toCallError, transport, type CallError } from '../../../transport';
import {
  cellText,
  downloadText,
  exampleCsv,
  importMaxChars,
  propertyColumns,
  refusedLines,
} from './data-model';
import { useEventLabel } from '../shared/event-label';

type Preview = MethodOutput<'insight.importPreview'>;
type Imported = MethodOutput<'insight.import'>;
type ItemError = Preview['errors'][number];

/** Rows of the preview shown (the core sends the first ones). */
const previewRows = 10;

/** Imports events from a CSV: pick or drop a file, see what will be stored and what is refused, import. */
export function ImportCard({ canImport, onImported }: { canImport: boolean; onImported(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const columnsHint = useId();
  const intro = (
    <div id={columnsHint} className="flex flex-col gap-2 text-sm text-slate-700">
      <p>{t('insight.data.import.columns')}</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <code className="font-mono text-[13px]">name</code>,{' '}
          <code className="font-mono text-[13px]">actor</code>
          {' – '}
          {t('insight.data.import.columnsNeeded')}
        </li>
        <li>
          <code className="font-mono text-[13px]">at</code>
          {' – '}
          {t('insight.data.import.columnsAt')}
        </li>
        <li>
          <code className="font-mono text-[13px]">id</code>,{' '}
          <code className="font-mono text-[13px]">session</code>,{' '}
          <code className="font-mono text-[13px]">source</code>,{' '}
          <code className="font-mono text-[13px]">campaign</code>
          {' – '}
          {t('insight.data.import.columnsOptional')}
        </li>
        <li>{t('insight.data.import.columnsProperties')}</li>
      </ul>
      <div>
        <Button
          size="sm"
          variant="ghost"
          icon={<FileDown aria-hidden="true" className="size-4" />}
          onClick={() => downloadText('events-example.csv', `\uFEFF${exampleCsv(Date.now())}`)}
        >
          {t('insight.data.import.example')}
        </Button>
      </div>
    </div>
  );
  return (
    <Card title={t('insight.data.import.title')} titleId={titleId} bodyClassName="flex flex-col gap-4 p-5">
      {canImport ? (
        <ImportForm intro={intro} describedBy={columnsHint} onImported={onImported} />
      ) : (
        <>
          {intro}
          <Alert tone="info">{t('insight.data.import.adminOnly')}</Alert>
        </>
      )}
    </Card>
  );
}

function ImportForm({
  intro,
  describedBy,
  onImported,
}: {
  intro: ReactNode;
  describedBy: string;
  onImported(): void;
}) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const format = useFormat();
  const eventLabel = useEventLabel();
  const fileInput = useRef<HTMLInputElement>(null);
  const dropHint = useId();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [phase, setPhase] = useState<'idle' | 'reading' | 'importing'>('idle');
  const [error, setError] = useState<CallError | string | null>(null);
  const [dragging, setDragging] = useState(false);

  const reasonText = (item: ItemError) => {
    const params = item.params ?? {};
    return i18n.exists(`errors.reasons.${item.reason}`, params)
      ? t(`errors.reasons.${item.reason}`, params)
      : t('errors.reasons.invalid_value');
  };

  const pickFile = async (chosen: File) => {
    setPreview(null);
    setResult(null);
    setError(null);
    if (chosen.size > importMaxChars) {
      setError(t('errors.reasons.file_too_large', { maxMb: importMaxChars / 1_000_000 }));
      return;
    }
    setPhase('reading');
    try {
      const csv = await chosen.text();
      if (csv.trim() === '') {
        setError(t('insight.data.import.emptyFile'));
        return;
      }
      const answer = await transport.call('insight.importPreview', { csv });
      setFile({ name: chosen.name, csv });
      setPreview(answer);
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setPhase('idle');
    }
  };

  const runImport = async () => {
    if (!file) return;
    setPhase('importing');
    setError(null);
    try {
      const answer = await transport.call('insight.import', { csv: file.csv });
      setResult(answer);
      setPreview(null);
      setFile(null);
      onImported();
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setPhase('idle');
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void pickFile(dropped);
  };

  const busy = phase !== 'idle';
  const errorText = error === null ? null : typeof error === 'string' ? error : message(error);
  const errorReason = error !== null && typeof error !== 'string' ? error.reason : null;
  const shown = preview?.rows.slice(0, previewRows) ?? [];
  const properties = propertyColumns(shown);

  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {intro}
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
            {t('insight.data.import.dropHint', { maxMb: importMaxChars / 1_000_000 })}
          </p>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
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
            aria-describedby={`${dropHint} ${describedBy}`}
            onClick={() => fileInput.current?.click()}
          >
            {file ? t('insight.data.import.chooseOther') : t('insight.data.import.chooseFile')}
          </Button>
        </div>
      </div>

      <div role="status" aria-live="polite">
        {phase === 'reading' && (
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <Spinner />
            {t('insight.data.import.reading')}
          </p>
        )}
        {phase === 'importing' && (
          <ProgressBar
            label={t('insight.data.import.importing', {
              count: preview?.valid ?? 0,
              formatted: format.number(preview?.valid ?? 0),
            })}
            percent={null}
          />
        )}
        {result && !busy && (
          <Alert
            tone={result.accepted > 0 ? 'success' : 'warning'}
            title={t('insight.data.import.doneTitle')}
          >
            {t('insight.data.import.done', {
              accepted: format.number(result.accepted),
              duplicates: format.number(result.duplicates),
              rejected: format.number(result.rejected),
            })}
          </Alert>
        )}
      </div>

      {errorText && (
        <Alert tone="error" reason={errorReason}>
          {errorText}
        </Alert>
      )}

      {preview && file && (
        <section aria-labelledby={`${dropHint}-preview`} className="flex flex-col gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={`${dropHint}-preview`} className="text-sm font-semibold text-slate-900">
              {t('insight.data.import.previewTitle', { file: file.name })}
            </h3>
            <p className="text-sm text-slate-700">
              {t('insight.data.import.validCount', {
                count: preview.valid,
                formatted: format.number(preview.valid),
              })}
              {preview.errors.length > 0 &&
                ` · ${t('insight.data.import.refusedCount', {
                  count: refusedLines(preview.errors),
                  formatted: format.number(refusedLines(preview.errors)),
                })}`}
            </p>
          </div>

          {shown.length > 0 && (
            <div
              className="max-h-80 overflow-auto rounded-lg ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
              tabIndex={0}
              role="region"
              aria-label={t('insight.data.import.previewTable')}
            >
              <Table label={t('insight.data.import.previewTable')}>
                <thead>
                  <tr>
                    <Th className="text-right">{t('insight.data.import.line')}</Th>
                    <Th>{t('insight.data.known.event')}</Th>
                    <Th>{t('insight.data.import.actor')}</Th>
                    <Th>{t('insight.data.import.at')}</Th>
                    {properties.map((key) => (
                      <Th key={key} className="normal-case">
                        {key}
                      </Th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((row) => (
                    <tr key={row.line}>
                      <Td className="text-right text-slate-600 tabular-nums">{format.number(row.line)}</Td>
                      <Td className="text-slate-800">
                        {eventLabel(row.name)}
                        {eventLabel(row.name) !== row.name && (
                          <span className="block font-mono text-xs text-slate-500">{row.name}</span>
                        )}
                      </Td>
                      <Td className="text-slate-700">{row.actor}</Td>
                      <Td className="whitespace-nowrap text-slate-700">{format.dateTime(row.at)}</Td>
                      {properties.map((key) => (
                        <Td key={key} className="text-slate-700">
                          {cellText(row.properties[key])}
                        </Td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
          {preview.valid > shown.length && shown.length > 0 && (
            <p className="text-sm text-slate-600">
              {t('insight.data.import.more', { formatted: format.number(preview.valid - shown.length) })}
            </p>
          )}

          {preview.errors.length > 0 && (
            <div className="flex flex-col gap-2">
              <h4 className="text-sm font-semibold text-amber-900">
                {t('insight.data.import.refusedTitle', {
                  count: refusedLines(preview.errors),
                  formatted: format.number(refusedLines(preview.errors)),
                })}
              </h4>
              <div
                className="max-h-60 overflow-auto rounded-lg ring-1 ring-amber-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
                tabIndex={0}
                role="region"
                aria-label={t('insight.data.import.refusedTable')}
              >
                <Table label={t('insight.data.import.refusedTable')}>
                  <thead>
                    <tr>
                      <Th className="text-right">{t('insight.data.import.line')}</Th>
                      <Th>{t('insight.data.import.field')}</Th>
                      <Th>{t('insight.data.import.reason')}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.errors.map((item, index) => (
                      <tr key={`${item.at}-${item.field}-${index}`}>
                        <Td className="text-right text-slate-600 tabular-nums">{format.number(item.at)}</Td>
                        <Td>
                          <code className="font-mono text-[13px] text-slate-800">
                            {item.field === 'csv' ? t('insight.data.import.wholeFile') : item.field}
                          </code>
                        </Td>
                        <Td className="whitespace-normal text-slate-700">{reasonText(item)}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
              <p className="text-sm text-slate-600">{t('insight.data.import.refusedHint')}</p>
            </div>
          )}

          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" disabled={busy || preview.valid === 0} onClick={() => void runImport()}>
              {t('insight.data.import.importButton', {
                count: preview.valid,
                formatted: format.number(preview.valid),
              })}
            </Button>
            <Button
              variant="ghost"
              disabled={busy}
              onClick={() => {
                setPreview(null);
                setFile(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}

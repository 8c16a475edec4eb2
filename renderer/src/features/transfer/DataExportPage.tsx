import { Download, FileDown, PackageOpen } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState } from '../../components/StateViews';
import type { EventPayload, MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useSessionStore } from '../../stores/session-store';
import { toCallError, transport, type CallError } from '../../transport';
import { downloadExport, saveFile, sha256Hex, type Call } from './transfer';
import { TransferCounts } from './TransferCounts';

type Made = MethodOutput<'tenants.export'>;
type TransferPhase = EventPayload<'tenant.transfer'>['phase'];

type Step =
  | { kind: 'idle' }
  | { kind: 'preparing'; percent: number | null; phase: TransferPhase | null }
  | { kind: 'downloading'; done: number; total: number }
  | { kind: 'checking' }
  | { kind: 'done'; made: Made; blob: Blob; checked: boolean }
  | { kind: 'error'; error: CallError | null };

const call: Call = (method, input) => transport.call(method, input);

/** An owner takes the organisation's data with them: one file, to keep or to import elsewhere. */
export function DataExportPage() {
  const { t } = useTranslation();
  const { role } = usePermissions();
  return (
    <>
      <PageHeader title={t('dataExport.title')} description={t('dataExport.description')} />
      {role !== 'owner' ? (
        <Card>
          <EmptyState icon={PackageOpen} title={t('dataExport.ownersOnly')} />
        </Card>
      ) : (
        <div className="flex flex-col gap-6">
          <ExportCard />
          <Card title={t('dataExport.move.title')} titleId="data-export-move-title">
            <div className="flex flex-col gap-2 p-5 text-sm text-slate-600">
              <p>{t('dataExport.move.body')}</p>
              <p>{t('dataExport.move.stays')}</p>
            </div>
          </Card>
        </div>
      )}
    </>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const { bytes } = useFormat();
  const message = useErrorMessage();
  const orgName = useSessionStore((state) => state.me?.tenant.name ?? '');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  useEffect(() => () => abort.current?.abort(), []);
  // the button that was pressed gives way to another: keep the keyboard in the card
  useEffect(() => {
    if (document.activeElement === document.body) actions.current?.querySelector('button')?.focus();
  }, [step.kind]);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'preparing', percent: null, phase: null });
    let preparing = true;
    const off = transport.on('tenant.transfer', (event) => {
      if (preparing && !controller.signal.aborted && event.direction === 'export')
        setStep({ kind: 'preparing', percent: event.percent, phase: event.phase });
    });
    try {
      const made = await call('tenants.export', {});
      preparing = false;
      off();
      controller.signal.throwIfAborted();
      setStep({ kind: 'downloading', done: 0, total: made.bytes });
      const blob = await downloadExport(
        call,
        made.exportId,
        made.bytes,
        (done, total) => {
          if (!controller.signal.aborted) setStep({ kind: 'downloading', done, total });
        },
        controller.signal,
      );
      setStep({ kind: 'checking' });
      const expected = made.sha256.toLowerCase();
      const digest = /^[0-9a-f]{64}$/.test(expected) ? await sha256Hex(blob) : null;
      if (digest !== null && digest !== expected) {
        setStep({ kind: 'error', error: null });
        return;
      }
      saveFile(blob, made.fileName);
      setStep({ kind: 'done', made, blob, checked: digest !== null });
    } catch (caught) {
      if (controller.signal.aborted) setStep({ kind: 'idle' });
      else setStep({ kind: 'error', error: toCallError(caught) });
    } finally {
      preparing = false;
      off();
      if (abort.current === controller) abort.current = null;
    }
  };

  const running = step.kind === 'preparing' || step.kind === 'downloading' || step.kind === 'checking';

  return (
    <Card title={t('dataExport.card.title', { name: orgName })} titleId="data-export-title">
      <div className="flex flex-col gap-4 p-5">
        <p className="text-sm text-slate-600">{t('dataExport.card.body')}</p>
        <p className="text-sm text-slate-600">{t('dataExport.card.private')}</p>

        {step.kind === 'preparing' && (
          <ProgressBar
            label={t('dataExport.progress.preparing')}
            percent={step.percent}
            detail={step.phase ? t(`transfer.phases.${step.phase}`) : t('dataExport.progress.preparingHint')}
          />
        )}
        {step.kind === 'downloading' && (
          <ProgressBar
            label={t('dataExport.progress.downloading')}
            percent={step.total > 0 ? (step.done / step.total) * 100 : null}
            detail={t('dataExport.progress.bytes', { done: bytes(step.done), total: bytes(step.total) })}
          />
        )}
        {step.kind === 'checking' && <ProgressBar label={t('dataExport.progress.checking')} percent={null} />}
        {step.kind === 'error' && (
          <Alert tone="error" title={t('dataExport.failed')}>
            {step.error ? message(step.error) : t('dataExport.checksumMismatch')}
          </Alert>
        )}
        {step.kind === 'done' && (
          <>
            <Alert tone="success" title={t('dataExport.done.title')}>
              <span className="font-mono text-xs break-all">{step.made.fileName}</span> (
              {bytes(step.made.bytes)}). {step.checked ? t('dataExport.done.checked') : ''}
            </Alert>
            <TransferCounts counts={step.made.counts} label={t('dataExport.done.countsLabel')} />
          </>
        )}

        <div ref={actions} className="flex flex-wrap items-center gap-3">
          {running ? (
            <Button
              onClick={() => {
                abort.current?.abort();
                setStep({ kind: 'idle' });
              }}
              disabled={step.kind === 'checking'}
            >
              {t('common.cancel')}
            </Button>
          ) : step.kind === 'done' ? (
            <>
              <Button
                variant="primary"
                icon={<Download aria-hidden="true" className="size-4" />}
                onClick={() => saveFile(step.blob, step.made.fileName)}
              >
                {t('dataExport.done.saveAgain')}
              </Button>
              <Button onClick={() => void start()}>{t('dataExport.again')}</Button>
            </>
          ) : (
            <Button
              variant="primary"
              icon={<FileDown aria-hidden="true" className="size-4" />}
              onClick={() => void start()}
            >
              {step.kind === 'error' ? t('common.retry') : t('dataExport.start')}
            </Button>
          )}
        </div>
      </div>
    </Card>
  );
}

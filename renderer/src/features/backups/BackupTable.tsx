import {
  ChevronDown,
  CircleCheck,
  CircleAlert,
  CircleDashed,
  DatabaseBackup,
  Lock,
  LockOpen,
} from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import type { BackupRow } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { useNow } from '../../lib/use-now';
import { useBackupsStore, type RestoreResult } from '../../stores/backups-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError } from '../../transport';
import { kindTone, settle, verificationTone } from './backup-meta';
import { useKindText, useNotRestorableReason, useVerificationReason } from './backup-text';
import { RestoreDialog } from './RestoreDialog';

interface BackupTableProps {
  backups: BackupRow[];
  backUpButton: ReactNode;
  onRestored(result: RestoreResult): void;
}

export function BackupTable({ backups, backUpButton, onRestored }: BackupTableProps) {
  const { t } = useTranslation();
  const [restoring, setRestoring] = useState<BackupRow | null>(null);
  if (backups.length === 0) {
    return (
      <EmptyState icon={DatabaseBackup} title={t('backups.empty.title')} action={backUpButton}>
        {t('backups.empty.body')}
      </EmptyState>
    );
  }
  return (
    <>
      <Table label={t('backups.tableLabel')}>
        <thead>
          <tr>
            <Th>{t('backups.columns.time')}</Th>
            <Th className="hidden xl:table-cell">{t('backups.columns.kind')}</Th>
            <Th className="text-right">{t('backups.columns.size')}</Th>
            <Th className="hidden xl:table-cell">{t('backups.columns.encrypted')}</Th>
            <Th>{t('backups.columns.verification')}</Th>
            <ActionsTh />
          </tr>
        </thead>
        <tbody>
          {backups.map((row) => (
            <BackupTableRow key={row.file} row={row} onRestore={() => setRestoring(row)} />
          ))}
        </tbody>
      </Table>
      <RestoreDialog
        backup={restoring}
        onOpenChange={(open) => !open && setRestoring(null)}
        onRestored={onRestored}
      />
    </>
  );
}

function BackupTableRow({ row, onRestore }: { row: BackupRow; onRestore(): void }) {
  const { t } = useTranslation();
  const { dateTime, relative, bytes } = useFormat();
  const kindText = useKindText();
  const verificationReason = useVerificationReason();
  const notRestorableReason = useNotRestorableReason();
  const message = useErrorMessage();
  const now = useNow(10_000);
  const showToast = useToastStore((state) => state.show);
  const verify = useBackupsStore((state) => state.verify);
  const verifying = useBackupsStore((state) => state.verifying === row.file);
  const busy = useBackupsStore((state) => state.progress !== null);
  const reasonId = useId();
  const time = dateTime(row.createdAt);
  const notRestorable = row.notRestorable !== null ? notRestorableReason(row) : null;

  const runVerify = async () => {
    try {
      const checked = await verify(row.file);
      if (checked.verification.status === 'failed')
        showToast('error', t('backups.verify.failed', { time, reason: verificationReason(checked).text }));
      else showToast('success', t('backups.verify.ok', { time }));
    } catch (caught) {
      const error = toCallError(caught);
      showToast('error', message(error));
    }
  };

  return (
    <tr className="align-top hover:bg-slate-50/60">
      <Td>
        <span className="block font-medium whitespace-nowrap text-slate-900">{time}</span>
        <span className="block text-xs text-slate-500">{relative(settle(row.createdAt, now), now)}</span>
        <span className="block max-w-56 truncate font-mono text-[11px] text-slate-500" title={row.file}>
          {row.file}
        </span>
        {/* below 1280 px the kind and the encryption are told here, and their columns are hidden */}
        <span className="mt-1.5 flex items-center gap-2 xl:hidden">
          <Badge tone={kindTone[row.kind]}>{kindText(row.kind)}</Badge>
          <Encryption encrypted={row.encrypted} />
        </span>
      </Td>
      <Td className="hidden xl:table-cell">
        <Badge tone={kindTone[row.kind]}>{kindText(row.kind)}</Badge>
      </Td>
      <Td
        className="text-right whitespace-nowrap text-slate-700 tabular-nums"
        title={t('backups.databaseSize', { size: bytes(row.databaseBytes) })}
      >
        {bytes(row.bytes)}
      </Td>
      <Td className="hidden whitespace-nowrap xl:table-cell">
        <Encryption encrypted={row.encrypted} />
      </Td>
      <Td>
        <Verification row={row} />
      </Td>
      <Td className="text-right">
        <div className="flex flex-wrap justify-end gap-2 xl:flex-nowrap">
          <Button
            size="sm"
            variant="ghost"
            busy={verifying}
            disabled={busy && !verifying}
            aria-label={t('backups.verify.named', { time })}
            onClick={() => void runVerify()}
          >
            {t('backups.verify.button')}
          </Button>
          <Button
            size="sm"
            disabled={notRestorable !== null || busy}
            aria-label={t('backups.restore.named', { time })}
            aria-describedby={notRestorable !== null ? reasonId : undefined}
            onClick={onRestore}
          >
            {t('backups.restore.button')}
          </Button>
        </div>
        {notRestorable !== null && (
          <p
            id={reasonId}
            title={notRestorable.detail ?? undefined}
            className="mt-1.5 ml-auto max-w-64 text-right text-xs text-slate-500"
          >
            {t('backups.restore.notRestorable', { reason: notRestorable.text })}
          </p>
        )}
      </Td>
    </tr>
  );
}

function Encryption({ encrypted }: { encrypted: boolean }) {
  const { t } = useTranslation();
  return encrypted ? (
    <span className="inline-flex items-center gap-1.5 text-xs whitespace-nowrap text-slate-700">
      <Lock aria-hidden="true" className="size-4 text-emerald-600" />
      {t('backups.encrypted.yes')}
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 text-xs whitespace-nowrap text-slate-600">
      <LockOpen aria-hidden="true" className="size-4 text-slate-500" />
      {t('backups.encrypted.no')}
    </span>
  );
}

function Verification({ row }: { row: BackupRow }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const verificationReason = useVerificationReason();
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  const { status, at } = row.verification;
  const label = t(`backups.verification.${status}`);
  const when = at !== null ? t('backups.verification.at', { time: dateTime(at) }) : undefined;
  if (status !== 'failed') {
    return (
      <Badge tone={verificationTone[status]}>
        {status === 'verified' ? (
          <CircleCheck aria-hidden="true" className="size-3.5" />
        ) : (
          <CircleDashed aria-hidden="true" className="size-3.5" />
        )}
        {label}
        {when && <span className="sr-only">, {when}</span>}
      </Badge>
    );
  }
  const reason = verificationReason(row);
  return (
    <div className="max-w-72">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={reasonId}
        title={reason.text}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex items-center gap-1 rounded-full"
      >
        <Badge tone="danger">
          <CircleAlert aria-hidden="true" className="size-3.5" />
          {label}
          <ChevronDown
            aria-hidden="true"
            className={cx('size-3.5 transition-transform', open && 'rotate-180')}
          />
        </Badge>
        <span className="sr-only">
          {open ? t('backups.verification.hideReason') : t('backups.verification.showReason')}
        </span>
      </button>
      <p id={reasonId} className={cx('mt-1 text-xs text-red-700', open ? 'break-words' : 'line-clamp-1')}>
        {reason.text}
        {open && reason.detail && (
          <span className="mt-0.5 block text-[11px] text-slate-500">
            {t('backups.problemDetail', { detail: reason.detail })}
          </span>
        )}
        {open && when && <span className="block text-slate-500">{when}</span>}
      </p>
    </div>
  );
}

import {
  CalendarClock,
  DatabaseBackup,
  FolderOpen,
  HardDrive,
  ShieldCheck,
  TriangleAlert,
  X,
  type LucideIcon,
} from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { Tabs } from '../../components/Tabs';
import { useFormat } from '../../i18n/format';
import { cx } from '../../lib/cx';
import { usePermissions } from '../../lib/permissions';
import { useNow } from '../../lib/use-now';
import { useBackupsStore, type BackupList, type RestoreResult } from '../../stores/backups-store';
import { useGuardianStore } from '../../stores/guardian-store';
import { resetTenantData } from '../../stores/reset-tenant-data';
import { useSessionStore } from '../../stores/session-store';
import { BackupSettingsPanel } from './BackupSettings';
import { BackupTable } from './BackupTable';
import { folderProblemMessage, settle, type BackupProgress } from './backup-meta';
import { useProblemText, useProgressText } from './backup-text';
import { useBackupFinishedToasts, useBackupNow } from './use-backup-now';

type TabId = 'backups' | 'settings';

export function BackupsPage() {
  const { t } = useTranslation();
  const { platformAdmin } = usePermissions();
  if (!platformAdmin) {
    return (
      <>
        <PageHeader title={t('backups.title')} />
        <Card>
          <EmptyState icon={DatabaseBackup} title={t('backups.needsPlatformAdmin')} />
        </Card>
      </>
    );
  }
  return <BackupsView />;
}

function BackupsView() {
  const { t } = useTranslation();
  const list = useBackupsStore((state) => state.list);
  const status = useBackupsStore((state) => state.status);
  const error = useBackupsStore((state) => state.error);
  const load = useBackupsStore((state) => state.load);
  const progress = useBackupsStore((state) => state.progress);
  const backUpNow = useBackupNow();
  const [tab, setTab] = useState<TabId>('backups');
  const [settingsOpened, setSettingsOpened] = useState(false);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useBackupFinishedToasts();

  useEffect(() => {
    void load();
  }, [load]);

  const chooseTab = (next: TabId) => {
    setTab(next);
    if (next === 'settings') setSettingsOpened(true);
  };
  const changeFolder = () => {
    chooseTab('settings');
    // the settings may still be loading: try until the field is there
    let tries = 0;
    const focus = () => {
      if (folderInput.current) {
        folderInput.current.focus();
        folderInput.current.scrollIntoView({ block: 'center' });
      } else if (tries++ < 40) setTimeout(focus, 50);
    };
    requestAnimationFrame(focus);
  };

  const onRestored = (result: RestoreResult) => {
    setRestored(result);
    // everything loaded before the restore may have changed
    resetTenantData();
    void useSessionStore.getState().refresh();
    void useGuardianStore.getState().load();
  };

  const backUpButton = (
    <Button
      variant="primary"
      icon={<DatabaseBackup aria-hidden="true" className="size-4" />}
      busy={progress?.operation === 'backup'}
      disabled={(progress !== null && progress.operation !== 'backup') || list?.folder.ok === false}
      onClick={() => void backUpNow()}
    >
      {progress?.operation === 'backup' ? t('backups.now.running') : t('backups.now.button')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('backups.title')} description={t('backups.description')} actions={backUpButton} />
      <div className="flex flex-col gap-6">
        {list && !list.folder.ok && <FolderAlert folder={list.folder} onChange={changeFolder} />}
        {progress && <ProgressCard progress={progress} />}
        {restored && <RestoredNotice result={restored} onDismiss={() => setRestored(null)} />}
        {status === 'error' && !list ? (
          <Card>
            <ErrorState error={error} onRetry={() => void load()} />
          </Card>
        ) : !list ? (
          <Card>
            <LoadingState label={t('backups.loading')} />
          </Card>
        ) : (
          <>
            <StatusTiles list={list} />
            <Card>
              <Tabs
                label={t('backups.tabsLabel')}
                value={tab}
                onChange={chooseTab}
                className="px-3"
                tabs={[
                  { id: 'backups', label: t('backups.tabs.backups') },
                  { id: 'settings', label: t('backups.tabs.settings') },
                ]}
                panels={{
                  backups: (
                    <BackupTable backups={list.backups} backUpButton={backUpButton} onRestored={onRestored} />
                  ),
                  settings: settingsOpened ? (
                    <BackupSettingsPanel folderInput={folderInput} onSaved={() => void load()} />
                  ) : null,
                }}
              />
            </Card>
          </>
        )}
      </div>
    </>
  );
}

function FolderAlert({ folder, onChange }: { folder: BackupList['folder']; onChange(): void }) {
  const { t } = useTranslation();
  const problem = useProblemText()(folderProblemMessage(folder));
  // most messages name the folder already
  const showPath = !problem.text.includes(folder.path);
  return (
    <div
      role="alert"
      className="flex flex-wrap items-start gap-3 rounded-xl bg-red-600 px-5 py-4 text-white shadow-sm"
    >
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{t('backups.folder.problemTitle')}</p>
        <p className="mt-0.5 text-sm break-words text-red-50">{problem.text}</p>
        {showPath && <p className="mt-1 font-mono text-xs break-all text-red-100">{folder.path}</p>}
        {problem.detail && (
          <p className="mt-1 text-xs break-words text-red-100">
            {t('backups.problemDetail', { detail: problem.detail })}
          </p>
        )}
      </div>
      <Button size="sm" onClick={onChange}>
        {t('backups.folder.change')}
      </Button>
    </div>
  );
}

function ProgressCard({ progress }: { progress: BackupProgress }) {
  const { t } = useTranslation();
  const text = useProgressText()(progress);
  return (
    <section
      aria-label={t('backups.progressLabel')}
      className="rounded-xl bg-white p-5 shadow-xs ring-1 ring-indigo-200"
    >
      <ProgressBar label={text.label} percent={progress.percent} detail={text.phase} />
    </section>
  );
}

function RestoredNotice({ result, onDismiss }: { result: RestoreResult; onDismiss(): void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const box = useRef<HTMLDivElement>(null);
  // the dialog that had the keyboard is gone: the outcome takes it (and is read out)
  useEffect(() => {
    box.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      ref={box}
      tabIndex={-1}
      className="rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-emerald-500"
    >
      <Alert
        tone="success"
        title={t('backups.restore.doneTitle', { time: dateTime(result.restored.createdAt) })}
        action={
          <button
            type="button"
            onClick={onDismiss}
            aria-label={t('common.dismiss')}
            className="-m-1 rounded p-1 text-emerald-700 hover:bg-emerald-100"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        }
      >
        <p>
          {t('backups.restore.doneBody')}{' '}
          <span className="font-mono text-xs break-all">{result.preRestoreBackup.file}</span>
        </p>
        {result.migrated.length > 0 && (
          <p className="mt-1">{t('backups.restore.migrated', { count: result.migrated.length })}</p>
        )}
      </Alert>
    </div>
  );
}

function StatusTiles({ list }: { list: BackupList }) {
  const { t } = useTranslation();
  const { relative, dateTime, bytes } = useFormat();
  const now = useNow(10_000);
  return (
    <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.5fr)_minmax(0,1fr)]">
      <Tile
        icon={ShieldCheck}
        label={t('backups.status.lastVerified')}
        tone={list.lastVerifiedAt === null ? 'warn' : 'normal'}
        detail={list.lastVerifiedAt !== null ? dateTime(list.lastVerifiedAt) : t('backups.status.neverHint')}
      >
        {list.lastVerifiedAt !== null ? (
          <time dateTime={new Date(list.lastVerifiedAt).toISOString()}>
            {relative(settle(list.lastVerifiedAt, now), now)}
          </time>
        ) : (
          t('backups.status.never')
        )}
      </Tile>
      <Tile
        icon={CalendarClock}
        label={t('backups.status.next')}
        detail={
          list.nextScheduledAt !== null
            ? dateTime(list.nextScheduledAt)
            : t('backups.status.notScheduledHint')
        }
      >
        {list.nextScheduledAt !== null ? (
          <time dateTime={new Date(list.nextScheduledAt).toISOString()}>
            {relative(settle(list.nextScheduledAt, now), now)}
          </time>
        ) : (
          t('backups.status.notScheduled')
        )}
      </Tile>
      <Tile
        icon={FolderOpen}
        label={t('backups.status.folder')}
        tone={list.folder.ok ? 'normal' : 'bad'}
        detail={list.folder.ok ? t('backups.status.folderOk') : t('backups.status.folderBad')}
      >
        <span className="block font-mono text-sm break-all">{list.folder.path}</span>
      </Tile>
      <Tile
        icon={HardDrive}
        label={t('backups.status.free')}
        detail={
          list.backups.length > 0
            ? t('backups.status.used', {
                size: bytes(list.backups.reduce((sum, row) => sum + row.bytes, 0)),
                count: list.backups.length,
              })
            : undefined
        }
      >
        {list.folder.freeBytes !== null ? bytes(list.folder.freeBytes) : t('backups.status.unknown')}
      </Tile>
    </dl>
  );
}

const tileTones = {
  normal: { box: 'ring-slate-200', icon: 'bg-slate-100 text-slate-600', value: 'text-slate-900' },
  warn: { box: 'ring-amber-200', icon: 'bg-amber-50 text-amber-700', value: 'text-amber-800' },
  bad: { box: 'ring-red-300', icon: 'bg-red-50 text-red-700', value: 'text-red-800' },
};

function Tile({
  icon: Icon,
  label,
  children,
  detail,
  tone = 'normal',
  className,
}: {
  className?: string;
  icon: LucideIcon;
  label: string;
  children: ReactNode;
  detail?: ReactNode;
  tone?: keyof typeof tileTones;
}) {
  const style = tileTones[tone];
  return (
    // a dl group holds only dt and dd: the icon sits inside the dt, placed beside the text
    <div
      className={cx('relative min-w-0 rounded-xl bg-white p-4 pl-16 shadow-xs ring-1', style.box, className)}
    >
      <dt className="text-xs font-medium text-slate-500">
        <span
          className={cx(
            'absolute top-4 left-4 flex size-9 shrink-0 items-center justify-center rounded-lg',
            style.icon,
          )}
        >
          <Icon aria-hidden="true" className="size-4.5" />
        </span>
        {label}
      </dt>
      <dd className={cx('mt-0.5 text-base font-semibold', style.value)}>{children}</dd>
      {detail && <dd className="mt-0.5 text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}

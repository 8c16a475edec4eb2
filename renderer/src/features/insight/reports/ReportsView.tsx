import { CalendarClock, Pencil, Plus, Send, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { CheckboxField, SelectField } from '../../../components/Field';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews';
import { SwitchField } from '../../../components/Switch';
import { ActionsTh, Table, Td, Th } from '../../../components/Table';
import { useErrorMessage } from '../../../i18n/error-message';
import { usePermissions } from '../../../lib/permissions';
import { useLoad } from '../../../lib/use-load';
import { useSubmit } from '../../../lib/use-submit';
import { useToastStore } from '../../../stores/toast-store';
import { transport } from '../../../transport';
import type { MethodOutput } from '../../../contract';
import { pdfPapers, type PdfPaper } from './PdfButton';

type Schedule = MethodOutput<'insight.reports'>['reports'][number];
type Frequency = Schedule['frequency'];

/** The dashboards a schedule can send (those the core prints with panels). */
const scheduleDashboards = ['usage', 'conversations', 'funnels', 'retention', 'marketing', 'quality'] as const;
const frequencies: Frequency[] = ['weekly', 'monthly'];

const titleKey = (dashboard: string) =>
  `insight.titles.${dashboard === 'usage' ? 'overview' : dashboard}`;

interface Draft {
  id?: string;
  dashboard: Schedule['dashboard'];
  frequency: Frequency;
  recipients: string[];
  paper: PdfPaper;
  enabled: boolean;
}

/**
 * Scheduled reports: each sends a dashboard's PDF by e-mail weekly or monthly to members of the
 * team, each in their own language. Everyone sees the schedules; admins add, change, pause,
 * delete and send them now.
 */
export function ReportsView() {
  const { t, i18n } = useTranslation();
  const { manageMembers: canEdit } = usePermissions();
  const show = useToastStore((state) => state.show);
  const errorMessage = useErrorMessage();
  const reports = useLoad(() => transport.call('insight.reports', {}), 'reports');
  const team = useLoad(() => transport.call('users.list', {}), 'team');
  const [editing, setEditing] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const [sending, setSending] = useState<string | null>(null);

  const when = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
    [i18n.language],
  );
  const members = useMemo(
    () => (team.data?.members ?? []).filter((m) => m.status === 'active'),
    [team.data],
  );
  const nameOf = (id: string) => members.find((m) => m.userId === id)?.name || id.slice(0, 8);

  const sendNow = async (report: Schedule) => {
    setSending(report.id);
    try {
      const outcome = await transport.call('insight.sendReportNow', { id: report.id });
      reports.update((data) => ({
        ...data,
        reports: data.reports.map((r) => (r.id === report.id ? outcome.report : r)),
      }));
      if (outcome.error)
        show('error', t('insight.reports.notSent', { reason: t(`insight.reports.errors.${outcome.error}`) }));
      else show('success', t('insight.reports.sent', { count: outcome.sent }));
    } catch (caught) {
      show('error', errorMessage(caught as never));
    } finally {
      setSending(null);
    }
  };

  const newDraft = (): Draft => ({
    dashboard: 'conversations',
    frequency: 'weekly',
    recipients: [],
    paper: 'a4',
    enabled: true,
  });

  let body;
  if (reports.loading && !reports.data) body = <LoadingState label={t('insight.reports.loading')} />;
  else if (reports.error && !reports.data)
    body = (
      <ErrorState error={reports.error} title={t('insight.reports.loadError')} onRetry={reports.reload} />
    );
  else if (!reports.data || reports.data.reports.length === 0)
    body = (
      <EmptyState
        icon={CalendarClock}
        title={t('insight.reports.emptyTitle')}
        action={
          canEdit ? (
            <Button variant="primary" icon={<Plus className="size-4" aria-hidden="true" />} onClick={() => setEditing(newDraft())}>
              {t('insight.reports.new')}
            </Button>
          ) : undefined
        }
      >
        {t('insight.reports.emptyBody')}
      </EmptyState>
    );
  else
    body = (
      <Card title={t('insight.reports.tableLabel')} bodyClassName="p-0">
        <Table label={t('insight.reports.tableLabel')}>
          <thead>
            <tr>
              <Th>{t('insight.reports.columns.dashboard')}</Th>
              <Th>{t('insight.reports.columns.recipients')}</Th>
              <Th>{t('insight.reports.columns.lastSent')}</Th>
              <Th>{t('insight.reports.columns.next')}</Th>
              <Th>{t('insight.reports.columns.status')}</Th>
              {canEdit && <ActionsTh />}
            </tr>
          </thead>
          <tbody>
            {reports.data.reports.map((report) => (
              <tr key={report.id}>
                <Td>
                  <div className="font-medium text-slate-900">{t(titleKey(report.dashboard))}</div>
                  <div className="text-xs text-slate-600">
                    {t(`insight.reports.frequencyOptions.${report.frequency}`)} ·{' '}
                    {t(`insight.reports.papers.${report.paper}`)}
                  </div>
                </Td>
                <Td>
                  <div className="text-slate-800">{t('insight.reports.recipientCount', { count: report.recipients.length })}</div>
                  <div className="max-w-56 truncate text-xs text-slate-600" title={report.recipients.map(nameOf).join(', ')}>
                    {report.recipients.map(nameOf).join(', ')}
                  </div>
                </Td>
                <Td className="whitespace-nowrap">
                  {report.lastSentAt ? when.format(report.lastSentAt) : t('insight.reports.never')}
                </Td>
                <Td className="whitespace-nowrap">{report.enabled ? when.format(report.nextAt) : '–'}</Td>
                <Td>
                  <Badge tone={!report.enabled ? 'neutral' : report.lastError ? 'warning' : 'success'}>
                    {report.enabled ? t('insight.reports.statusActive') : t('insight.reports.statusPaused')}
                  </Badge>
                  {report.lastError && (
                    <p className="mt-1 max-w-64 text-xs text-amber-900">
                      <span className="font-medium">{t('insight.reports.columns.lastError')}:</span>{' '}
                      {t(`insight.reports.errors.${report.lastError}`)}
                    </p>
                  )}
                </Td>
                {canEdit && (
                  <Td className="text-right whitespace-nowrap">
                    <div className="inline-flex gap-1">
                      <Button
                        size="sm"
                        variant="ghost"
                        busy={sending === report.id}
                        icon={<Send className="size-4" aria-hidden="true" />}
                        onClick={() => void sendNow(report)}
                        aria-label={`${t('insight.reports.sendNow')}: ${t(titleKey(report.dashboard))}`}
                      >
                        <span className="hidden xl:inline">
                          {sending === report.id ? t('insight.reports.sending') : t('insight.reports.sendNow')}
                        </span>
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<Pencil className="size-4" aria-hidden="true" />}
                        onClick={() =>
                          setEditing({
                            id: report.id,
                            dashboard: report.dashboard,
                            frequency: report.frequency,
                            recipients: report.recipients,
                            paper: report.paper,
                            enabled: report.enabled,
                          })
                        }
                        aria-label={`${t('insight.reports.edit')}: ${t(titleKey(report.dashboard))}`}
                      >
                        <span className="hidden xl:inline">{t('insight.reports.edit')}</span>
                      </Button>
                      <Button
                        size="sm"
                        variant="ghostDanger"
                        icon={<Trash2 className="size-4" aria-hidden="true" />}
                        onClick={() => setDeleting(report)}
                        aria-label={`${t('insight.reports.delete')}: ${t(titleKey(report.dashboard))}`}
                      >
                        <span className="hidden xl:inline">{t('insight.reports.delete')}</span>
                      </Button>
                    </div>
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    );

  return (
    <div>
      <PageHeader
        title={t('insight.titles.reports')}
        description={t('insight.reports.description')}
        actions={
          canEdit && reports.data && reports.data.reports.length > 0 ? (
            <Button variant="primary" icon={<Plus className="size-4" aria-hidden="true" />} onClick={() => setEditing(newDraft())}>
              {t('insight.reports.new')}
            </Button>
          ) : undefined
        }
      />
      <div className="space-y-4">
        {reports.data && !reports.data.smtp && (
          <Alert
            tone="warning"
            title={t('insight.reports.noSmtpTitle')}
            action={
              canEdit ? (
                <a href="#/notifications" className="text-sm font-medium whitespace-nowrap text-amber-900 underline">
                  {t('insight.reports.noSmtpLink')}
                </a>
              ) : undefined
            }
          >
            {t('insight.reports.noSmtp')}
          </Alert>
        )}
        {!canEdit && <p className="text-sm text-slate-600">{t('insight.reports.readOnly')}</p>}
        {body}
        <p className="text-xs text-slate-600">{t('insight.reports.timeZoneNote')}</p>
      </div>
      {editing && (
        <ReportDialog
          draft={editing}
          members={members}
          teamLoading={team.loading && !team.data}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            reports.update((data) => ({
              ...data,
              reports: data.reports.some((r) => r.id === saved.id)
                ? data.reports.map((r) => (r.id === saved.id ? saved : r))
                : [...data.reports, saved],
            }));
            show('success', t('insight.reports.saved'));
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('insight.reports.confirmDelete.title')}
        description={
          deleting
            ? t('insight.reports.confirmDelete.body', {
                dashboard: t(titleKey(deleting.dashboard)),
                frequency: t(`insight.reports.frequencies.${deleting.frequency}`),
              })
            : ''
        }
        confirmLabel={t('insight.reports.confirmDelete.confirm')}
        onConfirm={async () => {
          if (!deleting) return;
          await transport.call('insight.deleteReport', { id: deleting.id });
          const id = deleting.id;
          reports.update((data) => ({ ...data, reports: data.reports.filter((r) => r.id !== id) }));
          show('success', t('insight.reports.deleted'));
        }}
      />
    </div>
  );
}

function ReportDialog({
  draft,
  members,
  teamLoading,
  onClose,
  onSaved,
}: {
  draft: Draft;
  members: { userId: string; name: string; email: string }[];
  teamLoading: boolean;
  onClose(): void;
  onSaved(report: Schedule): void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [value, setValue] = useState<Draft>(draft);
  const [missing, setMissing] = useState(false);
  const submit = useSubmit(async () => {
    const saved = await transport.call('insight.saveReport', {
      ...(value.id ? { id: value.id } : {}),
      dashboard: value.dashboard,
      frequency: value.frequency,
      recipients: value.recipients,
      paper: value.paper,
      enabled: value.enabled,
    });
    onSaved(saved);
  });
  const toggle = (userId: string, on: boolean) =>
    setValue((v) => ({
      ...v,
      recipients: on ? [...v.recipients, userId] : v.recipients.filter((id) => id !== userId),
    }));
  const dashboards: string[] = [...scheduleDashboards];
  if (!dashboards.includes(value.dashboard)) dashboards.push(value.dashboard);

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={value.id ? t('insight.reports.dialog.titleEdit') : t('insight.reports.dialog.titleNew')}
      locked={submit.busy}
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.recipients.length === 0) {
            setMissing(true);
            return;
          }
          void submit.run();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('insight.reports.dialog.dashboard')}
            value={value.dashboard}
            onChange={(event) => setValue((v) => ({ ...v, dashboard: event.target.value as Draft['dashboard'] }))}
            options={dashboards.map((d) => ({ value: d, label: t(titleKey(d)) }))}
          />
          <SelectField
            label={t('insight.reports.dialog.paper')}
            value={value.paper}
            onChange={(event) => setValue((v) => ({ ...v, paper: event.target.value as PdfPaper }))}
            options={pdfPapers.map((p) => ({ value: p, label: t(`insight.reports.papers.${p}`) }))}
          />
        </div>
        <SelectField
          label={t('insight.reports.dialog.frequency')}
          value={value.frequency}
          onChange={(event) => setValue((v) => ({ ...v, frequency: event.target.value as Frequency }))}
          options={frequencies.map((f) => ({ value: f, label: t(`insight.reports.frequencyOptions.${f}`) }))}
        />
        <fieldset aria-describedby="report-recipients-hint">
          <legend className="text-sm font-medium text-slate-800">{t('insight.reports.dialog.recipients')}</legend>
          <p id="report-recipients-hint" className="mb-2 text-sm text-slate-600">
            {t('insight.reports.dialog.recipientsHint')}
          </p>
          {teamLoading ? (
            <p className="text-sm text-slate-600">{t('insight.reports.dialog.loadingTeam')}</p>
          ) : (
            <div className="max-h-48 space-y-2 overflow-y-auto rounded-md p-1 ring-1 ring-slate-200">
              {members.map((member) => (
                <CheckboxField
                  key={member.userId}
                  label={member.name || member.email}
                  hint={member.name ? member.email : undefined}
                  checked={value.recipients.includes(member.userId)}
                  onChange={(event) => {
                    setMissing(false);
                    toggle(member.userId, event.target.checked);
                  }}
                />
              ))}
            </div>
          )}
          {missing && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {t('insight.reports.dialog.noRecipients')}
            </p>
          )}
        </fieldset>
        <SwitchField
          label={t('insight.reports.dialog.enabled')}
          checked={value.enabled}
          onChange={(enabled) => setValue((v) => ({ ...v, enabled }))}
        />
        {submit.error && (
          <Alert tone="error" reason={submit.error.reason ?? null}>
            {errorMessage(submit.error)}
          </Alert>
        )}
        <DialogActions>
          <Button variant="ghost" onClick={onClose} disabled={submit.busy}>
            {t('insight.reports.dialog.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('insight.reports.dialog.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

import { LogOut, MonitorSmartphone, ScrollText, ShieldOff } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { NativeSelect, TextAreaField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews';
import { SwitchField } from '../../components/Switch';
import { Table, Td, Th } from '../../components/Table';
import {
  securitySeverities,
  type SecurityEvent,
  type SecuritySettings,
  type SecuritySeverity,
  type SessionInfo,
} from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { roleAtLeast, usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useNow } from '../../lib/use-now';
import { incidentPath, pagePaths } from '../../router/routes';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { useDeviceLabel } from './use-device-label';
import { matchesSeverity, mergeLive, parseAllowList, severityTone } from './security-meta';

const pageSize = 50;

export function SecurityPage() {
  const { t } = useTranslation();
  const { role, platformAdmin } = usePermissions();
  const admin = roleAtLeast(role, 'admin');
  const owner = roleAtLeast(role, 'owner');
  return (
    <>
      <PageHeader
        title={t('security.title')}
        description={t('security.description')}
        actions={
          admin ? (
            <a
              href={pagePaths.audit}
              className="inline-flex h-10 items-center gap-2 rounded-md px-4 text-sm font-medium text-indigo-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <ScrollText aria-hidden="true" className="size-4" />
              {t('security.auditLink')}
            </a>
          ) : undefined
        }
      />
      <div className="space-y-6">
        {admin ? (
          <EventsCard />
        ) : (
          <Card>
            <EmptyState icon={ShieldOff} title={t('security.events.adminsOnly')} />
          </Card>
        )}
        <SessionsCard />
        {(owner || platformAdmin) && <SettingsCards platformAdmin={platformAdmin} />}
      </div>
    </>
  );
}

function EventsCard() {
  const { t } = useTranslation();
  const { number, dateTime, relative } = useFormat();
  const now = useNow(30_000);
  const titleId = useId();
  const filterId = useId();
  const [minSeverity, setMinSeverity] = useState<SecuritySeverity | ''>('');
  const [more, setMore] = useState<{ busy: boolean; error: CallError | null }>({ busy: false, error: null });
  const loaded = useLoad(
    () =>
      transport.call('security.events', {
        ...(minSeverity ? { minSeverity } : {}),
        limit: pageSize,
        offset: 0,
      }),
    minSeverity,
  );
  const { update } = loaded;
  useEffect(
    () =>
      transport.on('security.event', (event) => {
        if (!matchesSeverity(event, minSeverity)) return;
        update((data) => {
          const known = data.events.some((e) => e.id === event.id);
          return { events: mergeLive(data.events, event), total: data.total + (known ? 0 : 1) };
        });
      }),
    [minSeverity, update],
  );
  const events = loaded.data?.events ?? [];
  const total = loaded.data?.total ?? 0;

  const loadMore = async () => {
    setMore({ busy: true, error: null });
    try {
      const next = await transport.call('security.events', {
        ...(minSeverity ? { minSeverity } : {}),
        limit: pageSize,
        offset: events.length,
      });
      update((data) => ({
        events: [...data.events, ...next.events.filter((e) => !data.events.some((d) => d.id === e.id))],
        total: next.total,
      }));
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: toCallError(error) });
    }
  };

  return (
    <Card
      title={t('security.events.title')}
      titleId={titleId}
      actions={
        <div className="flex items-center gap-2">
          <label htmlFor={filterId} className="text-sm text-slate-600">
            {t('security.events.severityFilter')}
          </label>
          <NativeSelect
            id={filterId}
            compact
            value={minSeverity}
            onChange={(e) => setMinSeverity(e.target.value as SecuritySeverity | '')}
            options={[
              { value: '', label: t('security.events.allSeverities') },
              ...securitySeverities.map((s) => ({ value: s, label: t(`security.severityAtLeast.${s}`) })),
            ]}
          />
        </div>
      }
    >
      {loaded.error && !loaded.data ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.loading && !loaded.data ? (
        <LoadingState />
      ) : events.length === 0 ? (
        <EmptyState title={t('security.events.empty')}>{t('security.events.emptyHint')}</EmptyState>
      ) : (
        <>
          <Table label={t('security.events.title')}>
            <thead>
              <tr>
                <Th>{t('security.events.when')}</Th>
                <Th>{t('security.events.severity')}</Th>
                <Th>{t('security.events.what')}</Th>
                <Th>{t('security.events.from')}</Th>
                <Th>{t('security.events.count')}</Th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <Td className="whitespace-nowrap text-slate-600">
                    <time dateTime={new Date(event.lastAt).toISOString()} title={dateTime(event.lastAt)}>
                      {relative(event.lastAt, Math.max(now, event.lastAt))}
                    </time>
                  </Td>
                  <Td>
                    <Badge tone={severityTone[event.severity]}>
                      {t(`security.severity.${event.severity}`)}
                    </Badge>
                  </Td>
                  <Td>
                    <div className="font-medium text-slate-900">{t(`security.kinds.${event.kind}`)}</div>
                    <EventSummary event={event} />
                  </Td>
                  <Td className="font-mono text-[13px] text-slate-700">{event.ip ?? '—'}</Td>
                  <Td className="tabular-nums">{number(event.count)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="flex items-center justify-between gap-3 px-5 py-3 text-sm text-slate-600">
            <span>
              {t('security.events.showing', { shown: number(events.length), total: number(total) })}
            </span>
            {events.length < total && (
              <Button size="sm" busy={more.busy} onClick={() => void loadMore()}>
                {t('security.events.more')}
              </Button>
            )}
          </div>
          {more.error && (
            <div className="px-5 pb-4">
              <ErrorState error={more.error} onRetry={() => void loadMore()} />
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function EventSummary({ event }: { event: SecurityEvent }) {
  const { t } = useTranslation();
  const deviceLabel = useDeviceLabel();
  const parts: string[] = [];
  if (event.tenantId === null) parts.push(t('security.events.installation'));
  if (event.userName) parts.push(event.userName);
  const d = event.details;
  if (typeof d.email === 'string') parts.push(d.email);
  if (typeof d.accounts === 'number') parts.push(t('security.events.accounts', { count: d.accounts }));
  if (typeof d.from === 'string' && typeof d.to === 'string')
    parts.push(t('security.events.roleChange', { from: t(`roles.${d.from}`), to: t(`roles.${d.to}`) }));
  if (typeof d.device === 'string') parts.push(deviceLabel(d.device));
  if (typeof d.path === 'string') parts.push(d.path);
  return (
    <div className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
      {parts.length > 0 && <span>{parts.join(' · ')}</span>}
      {event.incidentId && (
        <a href={incidentPath(event.incidentId)} className="font-medium text-indigo-700 hover:underline">
          {t('security.events.incident')}
        </a>
      )}
    </div>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const deviceLabel = useDeviceLabel();
  const { dateTime, relative } = useFormat();
  const now = useNow(30_000);
  const titleId = useId();
  const show = useToastStore((state) => state.show);
  const loaded = useLoad(() => transport.call('sessions.list', {}), 'own');
  const [confirm, setConfirm] = useState<SessionInfo | null>(null);
  const sessions = loaded.data?.sessions ?? [];
  return (
    <Card title={t('security.sessions.title')} titleId={titleId}>
      {loaded.error && !loaded.data ? (
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      ) : loaded.loading && !loaded.data ? (
        <LoadingState />
      ) : sessions.length === 0 ? (
        <EmptyState icon={MonitorSmartphone} title={t('security.sessions.empty')} />
      ) : (
        <Table label={t('security.sessions.title')}>
          <thead>
            <tr>
              <Th>{t('security.sessions.device')}</Th>
              <Th>{t('security.sessions.ip')}</Th>
              <Th>{t('security.sessions.lastSeen')}</Th>
              <Th className="hidden xl:table-cell">{t('security.sessions.started')}</Th>
              <Th>
                <span className="sr-only">{t('security.sessions.actions')}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <Td>
                  <div className="flex items-center gap-2">
                    <MonitorSmartphone aria-hidden="true" className="size-4 text-slate-400" />
                    <span className="font-medium text-slate-900">{deviceLabel(session.device)}</span>
                    {session.current && <Badge tone="success">{t('security.sessions.thisDevice')}</Badge>}
                  </div>
                  {/* below a wide screen the sign-in time stands under the device, not in a column of its own */}
                  <span className="mt-0.5 block text-xs whitespace-nowrap text-slate-500 xl:hidden">
                    {t('security.sessions.started')}: {dateTime(session.createdAt)}
                  </span>
                </Td>
                <Td className="font-mono text-[13px] text-slate-700">{session.ip ?? '—'}</Td>
                <Td className="whitespace-nowrap text-slate-600" title={dateTime(session.lastSeenAt)}>
                  {relative(session.lastSeenAt, Math.max(now, session.lastSeenAt))}
                </Td>
                <Td className="hidden whitespace-nowrap text-slate-600 xl:table-cell">
                  {dateTime(session.createdAt)}
                </Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant="ghostDanger"
                    icon={<LogOut aria-hidden="true" className="size-4" />}
                    aria-label={t('security.sessions.revokeLabel', { device: deviceLabel(session.device) })}
                    onClick={() => setConfirm(session)}
                  >
                    {t('security.sessions.revoke')}
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t('security.sessions.confirmTitle')}
        description={
          confirm?.current
            ? t('security.sessions.confirmCurrent')
            : t('security.sessions.confirmOther', {
                device: confirm ? deviceLabel(confirm.device) : '',
                ip: confirm?.ip ?? '—',
              })
        }
        confirmLabel={t('security.sessions.revoke')}
        onConfirm={async () => {
          if (!confirm) return;
          const answer = await transport.call('sessions.revoke', { sessionId: confirm.id });
          setConfirm(null);
          if (!answer.current) {
            loaded.update((data) => ({ sessions: data.sessions.filter((s) => s.id !== confirm.id) }));
            show('success', t('security.sessions.revoked'));
          }
        }}
      />
    </Card>
  );
}

function SettingsCards({ platformAdmin }: { platformAdmin: boolean }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => transport.call('security.settings', {}), 'settings');
  if (loaded.error && !loaded.data)
    return (
      <Card>
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      </Card>
    );
  if (!loaded.data)
    return (
      <Card>
        <LoadingState label={t('security.settings.loading')} />
      </Card>
    );
  return (
    <>
      <TwoFactorCard settings={loaded.data} onSaved={(next) => loaded.update(() => next)} />
      {platformAdmin && loaded.data.ipAllowList !== null && (
        <AllowListCard settings={loaded.data} onSaved={(next) => loaded.update(() => next)} />
      )}
    </>
  );
}

function TwoFactorCard({
  settings,
  onSaved,
}: {
  settings: SecuritySettings;
  onSaved(settings: SecuritySettings): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const change = async (requireTwoFactor: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await transport.call('security.saveSettings', { requireTwoFactor }));
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('security.settings.twoFactorTitle')} titleId={titleId} bodyClassName="space-y-3 px-5 py-4">
      <SwitchField
        label={t('security.settings.requireTwoFactor')}
        hint={t('security.settings.requireTwoFactorHint')}
        checked={settings.requireTwoFactor}
        disabled={busy}
        onChange={(checked) => void change(checked)}
      />
      {error && (
        <Alert tone="error" reason={error?.reason}>
          {message(error)}
        </Alert>
      )}
    </Card>
  );
}

function AllowListCard({
  settings,
  onSaved,
}: {
  settings: SecuritySettings;
  onSaved(settings: SecuritySettings): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const show = useToastStore((state) => state.show);
  const titleId = useId();
  const [text, setText] = useState((settings.ipAllowList ?? []).join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await transport.call('security.saveSettings', { ipAllowList: parseAllowList(text) });
      onSaved(next);
      setText((next.ipAllowList ?? []).join('\n'));
      show('success', t('security.allowList.saved'));
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };
  const entries = parseAllowList(text);
  return (
    <Card title={t('security.allowList.title')} titleId={titleId} bodyClassName="space-y-4 px-5 py-4">
      <p className="text-sm text-slate-600">{t('security.allowList.description')}</p>
      <TextAreaField
        label={t('security.allowList.label')}
        hint={
          settings.yourIp
            ? t('security.allowList.hintWithIp', { ip: settings.yourIp })
            : t('security.allowList.hint')
        }
        error={error ? message(error) : null}
        mono
        rows={5}
        value={text}
        placeholder={'192.168.1.0/24\n2001:db8::/32'}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className="text-sm text-slate-600">
          {entries.length === 0
            ? t('security.allowList.open')
            : t('security.allowList.count', { count: entries.length })}
        </span>
        <Button variant="primary" busy={busy} onClick={() => void save()}>
          {t('security.allowList.save')}
        </Button>
      </div>
    </Card>
  );
}

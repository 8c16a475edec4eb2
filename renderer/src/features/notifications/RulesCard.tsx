import { Bell, Mail, Monitor, Pencil, Plus, Trash2, Webhook } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/StateViews';
import { ActionsTh, Table, Td, Th } from '../../components/Table';
import type { NotifyRule } from '../../contract';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { severityTone } from '../incidents/incident-meta';
import { eventKey } from './notify-meta';
import { RuleDialog } from './RuleDialog';

/** The rules: which events, how severe, and where they go; add, change or remove one. */
export function RulesCard({
  rules,
  onSaved,
  onDeleted,
}: {
  rules: NotifyRule[];
  onSaved(rule: NotifyRule): void;
  onDeleted(ruleId: string): void;
}) {
  const { t } = useTranslation();
  const showToast = useToastStore((state) => state.show);
  const [editing, setEditing] = useState<NotifyRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<NotifyRule | null>(null);
  return (
    <Card
      title={t('notifications.rules.title')}
      titleId="notify-rules-title"
      actions={
        <Button
          size="sm"
          variant="primary"
          icon={<Plus aria-hidden="true" className="size-4" />}
          onClick={() => setEditing('new')}
        >
          {t('notifications.rules.add')}
        </Button>
      }
    >
      {rules.length === 0 ? (
        <EmptyState icon={Bell} title={t('notifications.rules.empty')}>
          {t('notifications.rules.emptyHint')}
        </EmptyState>
      ) : (
        <Table label={t('notifications.rules.title')}>
          <thead>
            <tr>
              <Th>{t('fields.name')}</Th>
              <Th>{t('notifications.rules.columns.events')}</Th>
              <Th>{t('notifications.rules.columns.severity')}</Th>
              <Th>{t('notifications.rules.columns.channels')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.id} className="align-top hover:bg-slate-50/60">
                <Td className="min-w-28">
                  <p className="font-medium text-slate-900">{rule.name}</p>
                  {!rule.enabled && <Badge className="mt-1">{t('notifications.rules.disabled')}</Badge>}
                </Td>
                <Td className="max-w-52">
                  <ul className="flex flex-wrap gap-1">
                    {rule.events.map((event) => (
                      <li key={event}>
                        <Badge tone="accent">{t(`notifications.events.${eventKey(event)}`)}</Badge>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td className="whitespace-nowrap">
                  <Badge tone={severityTone[rule.minSeverity]}>
                    {t('notifications.rules.andUp', { severity: rule.minSeverity })}
                  </Badge>
                </Td>
                <Td className="text-sm text-slate-700">
                  <ul className="flex flex-col gap-0.5">
                    {rule.desktop && (
                      <ChannelLine icon={<Monitor aria-hidden="true" className="size-3.5" />}>
                        {t('notifications.channels.desktop')}
                      </ChannelLine>
                    )}
                    {rule.emails.length > 0 && (
                      <ChannelLine icon={<Mail aria-hidden="true" className="size-3.5" />}>
                        <span title={rule.emails.join(', ')}>
                          {rule.emails.length === 1
                            ? rule.emails[0]
                            : t('notifications.rules.emailsMore', {
                                count: rule.emails.length - 1,
                                first: rule.emails[0],
                              })}
                        </span>
                      </ChannelLine>
                    )}
                    {rule.webhookUrl && (
                      <ChannelLine icon={<Webhook aria-hidden="true" className="size-3.5" />}>
                        <span className="max-w-56 truncate font-mono text-xs" title={rule.webhookUrl}>
                          {rule.webhookUrl}
                        </span>
                        {rule.webhookSigned && (
                          <Badge className="ml-1">{t('notifications.rules.signed')}</Badge>
                        )}
                      </ChannelLine>
                    )}
                  </ul>
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <div className="flex justify-end gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<Pencil aria-hidden="true" className="size-4" />}
                      aria-label={t('notifications.rules.editNamed', { name: rule.name })}
                      onClick={() => setEditing(rule)}
                    />
                    <Button
                      size="sm"
                      variant="ghostDanger"
                      icon={<Trash2 aria-hidden="true" className="size-4" />}
                      aria-label={t('notifications.rules.deleteNamed', { name: rule.name })}
                      onClick={() => setDeleting(rule)}
                    />
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <RuleDialog
        rule={editing === 'new' ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        onSaved={onSaved}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('notifications.rules.confirmDelete.title', { name: deleting?.name ?? '' })}
        description={t('notifications.rules.confirmDelete.description', { name: deleting?.name ?? '' })}
        confirmLabel={t('notifications.rules.confirmDelete.confirm')}
        onConfirm={async () => {
          if (!deleting) return;
          await transport.call('notify.deleteRule', { ruleId: deleting.id });
          onDeleted(deleting.id);
          showToast('success', t('notifications.rules.deleted', { name: deleting.name }));
        }}
      />
    </Card>
  );
}

function ChannelLine({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <li className="flex items-center gap-1.5">
      <span className="text-slate-400">{icon}</span>
      {children}
    </li>
  );
}

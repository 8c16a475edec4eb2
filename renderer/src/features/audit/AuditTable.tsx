import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import { Table, Td, Th } from '../../components/Table';
import type { AuditEntry } from '../../contract';
import { useFormat } from '../../i18n/format';
import { actionTone, isKnownAction } from './audit-actions';
import { useAuditText } from './use-audit-text';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const { dateTimeSeconds, date, time } = useFormat();
  const text = useAuditText();
  return (
    <Table label={t('audit.tableLabel')}>
      <thead>
        <tr>
          <Th>{t('audit.columns.time')}</Th>
          <Th className="hidden xl:table-cell">{t('audit.columns.actor')}</Th>
          <Th>{t('audit.columns.action')}</Th>
          <Th>{t('audit.columns.target')}</Th>
          <Th>{t('audit.columns.details')}</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} className="hover:bg-slate-50/60">
            <Td className="whitespace-nowrap text-slate-600 tabular-nums">
              <time dateTime={new Date(entry.at).toISOString()}>
                <span className="hidden xl:inline">{dateTimeSeconds(entry.at)}</span>
                {/* below a wide screen the date above the time, to leave the details room */}
                <span className="xl:hidden">
                  {date(entry.at)}
                  <br />
                  {time(entry.at)}
                </span>
              </time>
              {/* below a wide screen who did it stands under the time, not in a column of its own */}
              <span className="block max-w-48 truncate font-medium text-slate-900 xl:hidden">
                {entry.actorName}
              </span>
            </Td>
            <Td className="hidden max-w-48 truncate font-medium text-slate-900 xl:table-cell">
              {entry.actorName}
            </Td>
            <Td>
              {/* a long action name wraps, so the sentence beside it keeps its room */}
              <Badge tone={actionTone(entry.action)} className="rounded-lg whitespace-normal!">
                {text.action(entry)}
              </Badge>
            </Td>
            <Td className="max-w-48 text-slate-600 xl:max-w-56">
              <span className="line-clamp-2 break-words">{text.target(entry)}</span>
            </Td>
            <Td className="max-w-56 min-w-52 text-slate-600 xl:max-w-80">
              <span className="line-clamp-3 break-words" title={text.details(entry)}>
                {text.details(entry)}
              </span>
              {(Object.keys(entry.details).length > 0 || !isKnownAction(entry.action)) && (
                <RawDetails entry={entry} />
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * What the core recorded, as it recorded it: one click away from the sentence. An action this app
 * does not know (a newer core) is named here too, since its badge only says "Other change".
 */
function RawDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">
        {t('audit.details.showRaw')}
      </summary>
      <pre
        aria-label={t('audit.details.rawLabel')}
        className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] whitespace-pre-wrap text-slate-700 ring-1 ring-slate-200"
      >
        {JSON.stringify(
          isKnownAction(entry.action) ? entry.details : { action: entry.action, details: entry.details },
          null,
          2,
        )}
      </pre>
    </details>
  );
}

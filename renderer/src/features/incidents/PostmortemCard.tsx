import { Lock, Pencil, Plus, Trash2 } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { TextAreaField } from '../../components/Field';
import type { Incident } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { canWritePostmortem, cleanActionItems } from './incident-meta';

const maxItems = 30;

/** What happened, its impact, the root cause and what will change: written once the incident is resolved. */
export function PostmortemCard({
  incident,
  canEdit,
  onSaved,
}: {
  incident: Incident;
  canEdit: boolean;
  onSaved(incident: Incident): void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const enabled = canWritePostmortem(incident.status);
  const postmortem = incident.postmortem;
  return (
    <Card
      title={t('incident.postmortem.title')}
      titleId="incident-postmortem-title"
      actions={
        postmortem &&
        canEdit &&
        !editing && (
          <Button
            size="sm"
            icon={<Pencil aria-hidden="true" className="size-4" />}
            onClick={() => setEditing(true)}
          >
            {t('incident.postmortem.edit')}
          </Button>
        )
      }
    >
      {postmortem && !editing ? (
        <dl className="flex flex-col gap-4 p-5 text-sm">
          <Section label={t('incident.postmortem.summary')} text={postmortem.summary} />
          <Section label={t('incident.postmortem.impact')} text={postmortem.impact} />
          <Section label={t('incident.postmortem.rootCause')} text={postmortem.rootCause} />
          <div>
            <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {t('incident.postmortem.actions')}
            </dt>
            <dd className="mt-1">
              {postmortem.actions.length === 0 ? (
                <span className="text-slate-500">{t('incident.postmortem.noActions')}</span>
              ) : (
                <ul className="list-disc space-y-0.5 pl-5 text-slate-800">
                  {postmortem.actions.map((item, index) => (
                    <li key={index}>{item}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      ) : !canEdit ? (
        <p className="px-5 py-6 text-sm text-slate-500">{t('incident.postmortem.none')}</p>
      ) : !enabled ? (
        <p className="flex items-start gap-3 px-5 py-5 text-sm text-slate-600">
          <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-400" />
          {t('incident.postmortem.afterResolve')}
        </p>
      ) : (
        <PostmortemForm
          incident={incident}
          onCancel={postmortem ? () => setEditing(false) : undefined}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
        />
      )}
    </Card>
  );
}

function Section({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 whitespace-pre-wrap text-slate-800">
        {text || <span className="text-slate-500">—</span>}
      </dd>
    </div>
  );
}

function PostmortemForm({
  incident,
  onCancel,
  onSaved,
}: {
  incident: Incident;
  onCancel?: () => void;
  onSaved(incident: Incident): void;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const form = useRef<HTMLFormElement>(null);
  const existing = incident.postmortem;
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [impact, setImpact] = useState(existing?.impact ?? '');
  const [rootCause, setRootCause] = useState(existing?.rootCause ?? '');
  const [items, setItems] = useState<string[]>(existing?.actions.length ? existing.actions : ['']);
  const [summaryError, setSummaryError] = useState<string | null>(null);

  const submit = useSubmit(async () => {
    const saved = await transport.call('incidents.postmortem', {
      incidentId: incident.id,
      postmortem: {
        summary: summary.trim(),
        impact: impact.trim(),
        rootCause: rootCause.trim(),
        actions: cleanActionItems(items),
      },
    });
    showToast('success', t('incident.postmortem.saved'));
    onSaved(saved);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const error = summary.trim() ? null : t('incident.postmortem.summaryRequired');
    setSummaryError(error);
    if (error) return focusFirstInvalid(form.current);
    void submit.run();
  };

  const setItem = (index: number, value: string) =>
    setItems((current) => current.map((item, i) => (i === index ? value : item)));

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="p-5">
      <div className="flex flex-col gap-4">
        {submit.error && (
          <Alert tone="error" reason={submit.error?.reason}>
            {message(submit.error, { CONFLICT: t('incident.postmortem.conflict') })}
          </Alert>
        )}
        <TextAreaField
          label={t('incident.postmortem.summary')}
          rows={3}
          maxLength={5000}
          value={summary}
          error={summaryError}
          hint={t('incident.postmortem.summaryHint')}
          onChange={(event) => setSummary(event.target.value)}
        />
        <TextAreaField
          label={t('incident.postmortem.impact')}
          optional={t('common.optional')}
          rows={2}
          maxLength={5000}
          value={impact}
          hint={t('incident.postmortem.impactHint')}
          onChange={(event) => setImpact(event.target.value)}
        />
        <TextAreaField
          label={t('incident.postmortem.rootCause')}
          optional={t('common.optional')}
          rows={2}
          maxLength={5000}
          value={rootCause}
          onChange={(event) => setRootCause(event.target.value)}
        />
        <div>
          <p id={`pm-actions-${incident.id}`} className="text-sm font-medium text-slate-800">
            {t('incident.postmortem.actions')}
          </p>
          <p className="text-sm text-slate-500">{t('incident.postmortem.actionsHint')}</p>
          <ul aria-labelledby={`pm-actions-${incident.id}`} className="mt-2 flex flex-col gap-2">
            {items.map((item, index) => (
              <li key={index} className="flex items-center gap-2">
                <span aria-hidden="true" className="w-5 text-right text-sm text-slate-500 tabular-nums">
                  {index + 1}.
                </span>
                <input
                  type="text"
                  value={item}
                  maxLength={500}
                  aria-label={t('incident.postmortem.actionItem', { number: index + 1 })}
                  onChange={(event) => setItem(index, event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      if (items.length < maxItems) setItems((current) => [...current, '']);
                    }
                  }}
                  className="block h-9 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600 disabled:bg-slate-50"
                />
                <Button
                  size="sm"
                  variant="ghostDanger"
                  disabled={items.length === 1 && item === ''}
                  icon={<Trash2 aria-hidden="true" className="size-4" />}
                  aria-label={t('incident.postmortem.removeItem', { number: index + 1 })}
                  onClick={() =>
                    setItems((current) =>
                      current.length === 1 ? [''] : current.filter((_, i) => i !== index),
                    )
                  }
                />
              </li>
            ))}
          </ul>
          <Button
            size="sm"
            variant="ghost"
            className="mt-2"
            disabled={items.length >= maxItems}
            icon={<Plus aria-hidden="true" className="size-4" />}
            onClick={() => setItems((current) => [...current, ''])}
          >
            {t('incident.postmortem.addItem')}
          </Button>
        </div>
        <div className="flex justify-end gap-3">
          {onCancel && (
            <Button onClick={onCancel} disabled={submit.busy}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('incident.postmortem.save')}
          </Button>
        </div>
      </div>
    </form>
  );
}

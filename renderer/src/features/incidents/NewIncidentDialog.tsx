import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { severities, type Incident, type Severity } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { useSubmit } from '../../lib/use-submit';
import { useTeamStore } from '../../stores/team-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';

export function NewIncidentDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onCreated(incident: Incident): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('incidents.form.title')}
      description={t('incidents.form.description')}
    >
      {open && (
        <NewIncidentForm
          onClose={() => onOpenChange(false)}
          onCreated={(incident) => {
            onOpenChange(false);
            onCreated(incident);
          }}
        />
      )}
    </Dialog>
  );
}

/** Members who can be given an incident: everyone not disabled, by name. */
export function useAssignableMembers() {
  const { members, status, load } = useTeamStore();
  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);
  return {
    members: members.filter((m) => m.status === 'active').sort((a, b) => a.name.localeCompare(b.name)),
    status,
  };
}

function NewIncidentForm({ onClose, onCreated }: { onClose(): void; onCreated(incident: Incident): void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const showToast = useToastStore((state) => state.show);
  const { members } = useAssignableMembers();
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV3');
  const [assigneeId, setAssigneeId] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);

  const submit = useSubmit(async () => {
    const incident = await transport.call('incidents.create', {
      title: title.trim(),
      description: description.trim(),
      severity,
      ...(assigneeId ? { assigneeId } : {}),
    });
    showToast('success', t('incidents.form.created', { number: incident.number }));
    onCreated(incident);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const length = title.trim().length;
    const error = length < 3 || length > 200 ? t('incidents.form.titleInvalid') : null;
    setTitleError(error);
    if (error) return focusFirstInvalid(form.current);
    void submit.run();
  };

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {submit.error && !(submit.error.code === 'VALIDATION' && submit.error.field === 'title') && (
        <Alert tone="error" reason={submit.error?.reason}>
          {message(submit.error)}
        </Alert>
      )}
      <TextField
        label={t('incidents.form.titleLabel')}
        value={title}
        maxLength={200}
        autoFocus
        placeholder={t('incidents.form.titlePlaceholder')}
        error={
          titleError ??
          (submit.error?.code === 'VALIDATION' && submit.error.field === 'title'
            ? t('incidents.form.titleInvalid')
            : null)
        }
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextAreaField
        label={t('incidents.form.descriptionLabel')}
        optional={t('common.optional')}
        rows={4}
        maxLength={5000}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <SelectField
        label={t('incidents.form.severity')}
        value={severity}
        hint={t(`incidents.severityHints.${severity}`)}
        onChange={(event) => setSeverity(event.target.value as Severity)}
        options={severities.map((s) => ({ value: s, label: t(`incidents.severityNames.${s}`) }))}
      />
      <SelectField
        label={t('incidents.form.assignee')}
        value={assigneeId}
        onChange={(event) => setAssigneeId(event.target.value)}
        options={[
          { value: '', label: t('incidents.unassigned') },
          ...members.map((m) => ({ value: m.userId, label: m.name || m.email })),
        ]}
      />
      <DialogActions>
        <Button onClick={onClose} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy}>
          {t('incidents.form.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}

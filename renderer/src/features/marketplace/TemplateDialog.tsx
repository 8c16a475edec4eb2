import { BookOpen, MessageSquareText, Rocket, Users, Workflow } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorState, LoadingState } from '../../components/StateViews';
import type { MethodOutput } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { usePermissions } from '../../lib/permissions';
import { useSubmit } from '../../lib/use-submit';
import { agentPath } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { useAgentsStore } from '../../stores/agents-store';
import { useToastStore } from '../../stores/toast-store';
import { toCallError, transport, type CallError } from '../../transport';
import { localized, templateLanguage } from './categories';
import { TemplateIcon } from './TemplateIcon';
import { BusinessDetailsPanel } from './BusinessDetailsPanel';
import { EssentialsStep, needsEssentials } from './EssentialsStep';
import { useProfileStore } from '../business/profile-store';

type Detail = MethodOutput<'templates.get'>;

export function TemplateDialog({ templateId, onClose }: { templateId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  if (templateId !== shownId) {
    setShownId(templateId);
    setDetail(null);
    setError(null);
  }

  useEffect(() => {
    if (!templateId) return;
    let current = true;
    transport
      .call('templates.get', { templateId })
      .then((answer) => current && setDetail(answer))
      .catch((caught: unknown) => current && setError(toCallError(caught)));
    return () => {
      current = false;
    };
  }, [templateId]);

  return (
    <Dialog
      open={templateId !== null}
      onOpenChange={(open) => !open && onClose()}
      title={detail ? <DialogTitle detail={detail} /> : t('marketplace.detail.loadingTitle')}
    >
      {error ? (
        <ErrorState error={error} />
      ) : !detail ? (
        <LoadingState />
      ) : (
        <TemplateDetail detail={detail} onClose={onClose} />
      )}
    </Dialog>
  );
}

function DialogTitle({ detail }: { detail: Detail }) {
  const { i18n } = useTranslation();
  return (
    <span className="flex items-center gap-3">
      <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600">
        <TemplateIcon name={detail.template.icon} />
      </span>
      {localized(detail.template.name, i18n.language)}
    </span>
  );
}

function TemplateDetail({ detail, onClose }: { detail: Detail; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { number } = useFormat();
  const message = useErrorMessage();
  const { editAgents, role } = usePermissions();
  // the business's details are an admin's to change
  const canEditProfile = role === 'owner' || role === 'admin';
  const createAgent = useAgentsStore((state) => state.create);
  const showToast = useToastStore((state) => state.show);
  const { template } = detail;
  const language = templateLanguage(i18n.language);
  const sample =
    detail.testConversation.find((turn) => turn.language === language) ?? detail.testConversation[0];

  const profile = useProfileStore((state) => state.answer);
  const ensureProfile = useProfileStore((state) => state.ensure);
  const agentsStatus = useAgentsStore((state) => state.status);
  const agentCount = useAgentsStore((state) => state.agents.length);
  const loadAgents = useAgentsStore((state) => state.load);
  useEffect(() => {
    void ensureProfile();
    if (agentsStatus === 'idle') void loadAgents();
  }, [ensureProfile, loadAgents, agentsStatus]);
  // the first agent of an organisation without its details: ask for the essentials first (skippable)
  const [askEssentials, setAskEssentials] = useState(false);
  const firstAgent = agentsStatus === 'ready' && agentCount === 0;

  const use = useSubmit(async () => {
    const agent = await createAgent({ templateId: template.id, language });
    showToast('success', t('marketplace.detail.created', { name: agent.name }));
    onClose();
    navigate(agentPath(agent.id));
  });

  if (askEssentials && profile)
    return (
      <EssentialsStep
        answer={profile}
        busy={use.busy}
        error={use.error}
        onBack={() => setAskEssentials(false)}
        onContinue={() => void use.run()}
      />
    );

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <Badge tone="accent">{t(`marketplace.categories.${template.category}`)}</Badge>
        <span className="inline-flex items-center gap-1">
          <Workflow aria-hidden="true" className="size-3.5" />
          {t('marketplace.steps', { count: template.nodeCount })}
        </span>
        <span className="inline-flex items-center gap-1">
          <Users aria-hidden="true" className="size-3.5" />
          {template.usageCount === 0
            ? t('marketplace.notUsed')
            : t('marketplace.usage', { count: template.usageCount, formatted: number(template.usageCount) })}
        </span>
      </div>
      <p className="text-sm text-slate-700">{localized(template.description, i18n.language)}</p>
      {template.usesBusinessDetails.length > 0 && profile && (
        <BusinessDetailsPanel uses={template.usesBusinessDetails} answer={profile} />
      )}
      {detail.knowledge.length > 0 && (
        <section aria-labelledby="template-knowledge">
          <h3
            id="template-knowledge"
            className="flex items-center gap-1.5 text-sm font-semibold text-slate-900"
          >
            <BookOpen aria-hidden="true" className="size-4 text-slate-500" />
            {t('marketplace.detail.knowledge', { count: detail.knowledge.length })}
          </h3>
          <ul className="mt-2 flex flex-col gap-1 text-sm text-slate-700">
            {detail.knowledge.map((doc) => (
              <li key={doc.title} className="rounded-md bg-slate-50 px-2.5 py-1.5 ring-1 ring-slate-200">
                {doc.title}
              </li>
            ))}
          </ul>
          <p className="mt-1.5 text-xs text-slate-500">{t('marketplace.detail.knowledgeHint')}</p>
        </section>
      )}
      {sample && (
        <section aria-labelledby="template-sample">
          <h3 id="template-sample" className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
            <MessageSquareText aria-hidden="true" className="size-4 text-slate-500" />
            {t('marketplace.detail.sample')}
          </h3>
          <p className="mt-2 rounded-2xl rounded-bl-sm bg-slate-100 px-3 py-2 text-sm text-slate-800">
            “{sample.user}”
          </p>
        </section>
      )}
      {template.tags.length > 0 && (
        <p className="flex flex-wrap gap-1.5">
          {template.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </p>
      )}
      {use.error && (
        <Alert tone="error" reason={use.error?.reason}>
          {message(use.error)}
        </Alert>
      )}
      {!editAgents && <Alert tone="info">{t('marketplace.detail.needsOperator')}</Alert>}
      <DialogActions>
        <Button onClick={onClose} disabled={use.busy}>
          {t('common.close')}
        </Button>
        {editAgents && (
          <Button
            variant="primary"
            busy={use.busy}
            icon={<Rocket aria-hidden="true" className="size-4" />}
            onClick={() => {
              if (firstAgent && canEditProfile && profile && needsEssentials(profile)) setAskEssentials(true);
              else void use.run();
            }}
          >
            {use.busy ? t('marketplace.detail.creating') : t('marketplace.detail.use')}
          </Button>
        )}
      </DialogActions>
    </div>
  );
}

import { Check, Globe, Mail, Plus, Rocket, Save, Search, UserPlus, DatabaseBackup } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Disclosure } from '../../components/Disclosure';
import { SelectField, TextAreaField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import {
  languages,
  type BusinessDetail,
  type BusinessProfile,
  type Channel,
  type MethodOutput,
} from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { isFieldError } from '../../i18n/field-errors';
import { focusFirstInvalid } from '../../lib/focus-first-invalid';
import { usePermissions } from '../../lib/permissions';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { agentPath } from '../../router/routes';
import { useAgentsStore } from '../../stores/agents-store';
import { usePrefsStore } from '../../stores/prefs-store';
import { useProvidersStore } from '../../stores/providers-store';
import { useToastStore } from '../../stores/toast-store';
import { transport } from '../../transport';
import { RegionalFormatCard } from '../account/RegionalFormatCard';
import { draftOf, saveInput } from '../agents/publish/draft';
import { EmailChannelForm } from '../agents/publish/EmailChannelForm';
import { emailDraftOf, emailSaveInput, type EmailDraft } from '../agents/publish/email-draft';
import { localTimeZone } from '../agents/publish/hours';
import { shareOrigin } from '../agents/publish/origins';
import { ShareSection } from '../agents/publish/ShareSection';
import { BackupSettingsPanel } from '../backups/BackupSettings';
import { useBackupNow } from '../backups/use-backup-now';
import { useProfileStore } from '../business/profile-store';
import { QuickDetailsFields } from '../business/QuickDetailsFields';
import { BusinessDetailsPanel } from '../marketplace/BusinessDetailsPanel';
import { localized, templateLanguage } from '../marketplace/categories';
import { TemplateIcon } from '../marketplace/TemplateIcon';
import { ProviderDialog } from '../providers/ProvidersPage';
import { InviteDialog } from '../team/InviteDialog';
import { useOnboardingStore } from './onboarding-store';
import { StepFooter, StepHeader, useStepNav } from './WelcomePage';

function Body({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-5 px-5 py-5 sm:px-6">{children}</div>;
}

/** The primary action of a step: does its work, reads the facts again, goes on. */
function useStepAction(work: () => Promise<void>, goOn = true) {
  const nav = useStepNav();
  return useSubmit(async () => {
    await work();
    await nav.refresh();
    if (goOn) nav.next();
  });
}

// ── 1. Language and regional format ─────────────────────────────────────────────────────────────

export function LanguageStep() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { tenantId } = useStepNav();
  const language = usePrefsStore((state) => state.language);
  const setLanguage = usePrefsStore((state) => state.setLanguage);
  const confirm = useOnboardingStore((store) => store.confirm);
  const go = useStepAction(() => confirm(tenantId, 'language'));
  return (
    <>
      <StepHeader />
      <Body>
        <SelectField
          label={t('onboarding.language.label')}
          hint={t('onboarding.language.hint')}
          value={language}
          onChange={(event) => {
            const chosen = languages.find((code) => code === event.target.value);
            if (chosen) setLanguage(chosen);
          }}
          options={languages.map((code) => ({ value: code, label: t(`language.names.${code}`) }))}
        />
        <RegionalFormatCard />
        {go.error && (
          <Alert tone="error" reason={go.error?.reason}>
            {message(go.error)}
          </Alert>
        )}
      </Body>
      <StepFooter
        primary={
          <Button
            variant="primary"
            busy={go.busy}
            icon={<Check aria-hidden="true" className="size-4" />}
            onClick={() => void go.run()}
          >
            {t('onboarding.language.keep')}
          </Button>
        }
      />
    </>
  );
}

// ── 2. The business profile ─────────────────────────────────────────────────────────────────────

const profileDetails: readonly BusinessDetail[] = [
  'name',
  'phone',
  'email',
  'website',
  'bookingLink',
  'address',
  'openingHours',
];

export function ProfileStep() {
  const { t } = useTranslation();
  const answer = useProfileStore((state) => state.answer);
  const ensure = useProfileStore((state) => state.ensure);
  useEffect(() => {
    void ensure();
  }, [ensure]);
  return (
    <>
      <StepHeader />
      {answer ? <ProfileForm profile={answer.profile} /> : <LoadingState label={t('onboarding.loading')} />}
    </>
  );
}

function ProfileForm({ profile }: { profile: BusinessProfile }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useProfileStore((state) => state.save);
  const [draft, setDraft] = useState<BusinessProfile>(profile);
  const go = useStepAction(async () => {
    await save(draft);
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void go.run().then(() => focusFirstInvalid(form));
  };
  return (
    <form noValidate onSubmit={submit}>
      <Body>
        <p className="text-sm text-slate-600">{t('onboarding.profile.why')}</p>
        <QuickDetailsFields details={profileDetails} draft={draft} onChange={setDraft} error={go.error} />
        {go.error && !isFieldError(go.error, ['name', 'phone', 'email', 'website', 'bookingLink']) && (
          <Alert tone="error" reason={go.error?.reason}>
            {message(go.error)}
          </Alert>
        )}
      </Body>
      <StepFooter
        primary={
          <Button
            type="submit"
            variant="primary"
            busy={go.busy}
            icon={<Save aria-hidden="true" className="size-4" />}
          >
            {t('onboarding.saveAndContinue')}
          </Button>
        }
      />
    </form>
  );
}

// ── 3. How agents answer ────────────────────────────────────────────────────────────────────────

export function AnswersStep() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const nav = useStepNav();
  const confirm = useOnboardingStore((store) => store.confirm);
  const providers = useProvidersStore((state) => state.providers);
  const ensureProviders = useProvidersStore((state) => state.ensure);
  const loadProviders = useProvidersStore((state) => state.load);
  const testProvider = useProvidersStore((state) => state.test);
  const [adding, setAdding] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);
  useEffect(() => {
    void ensureProviders();
  }, [ensureProviders]);
  const offline = useStepAction(() => confirm(nav.tenantId, 'answers'), false);
  const test = useSubmit(async (providerId: string) => {
    setTesting(providerId);
    try {
      await testProvider(providerId);
      await loadProviders();
      await nav.refresh();
    } finally {
      setTesting(null);
    }
  });
  const can = ['greet', 'details', 'intents', 'handoff'] as const;
  const cannot = ['free', 'knowledge', 'languages'] as const;

  return (
    <>
      <StepHeader />
      <Body>
        <section aria-labelledby="answers-offline" className="rounded-lg p-4 ring-1 ring-slate-200">
          <h3
            id="answers-offline"
            className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900"
          >
            {t('onboarding.answers.offline.title')}
            <Badge tone="success">{t('onboarding.answers.offline.free')}</Badge>
            {nav.state.offlineModel && <Badge tone="accent">{t('onboarding.answers.offline.chosen')}</Badge>}
          </h3>
          <p className="mt-1 text-sm text-slate-600">{t('onboarding.answers.offline.intro')}</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <div>
              <h4 className="text-sm font-medium text-slate-900">
                {t('onboarding.answers.offline.canTitle')}
              </h4>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
                {can.map((key) => (
                  <li key={key}>{t(`onboarding.answers.offline.can.${key}`)}</li>
                ))}
              </ul>
            </div>
            <div>
              <h4 className="text-sm font-medium text-slate-900">
                {t('onboarding.answers.offline.cannotTitle')}
              </h4>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
                {cannot.map((key) => (
                  <li key={key}>{t(`onboarding.answers.offline.cannot.${key}`)}</li>
                ))}
              </ul>
            </div>
          </div>
          {offline.error && (
            <Alert tone="error" className="mt-3" reason={offline.error?.reason}>
              {message(offline.error)}
            </Alert>
          )}
          {!nav.state.offlineModel && (
            <div className="mt-3">
              <Button busy={offline.busy} onClick={() => void offline.run()}>
                {t('onboarding.answers.offline.use')}
              </Button>
            </div>
          )}
        </section>

        <section aria-labelledby="answers-provider" className="rounded-lg p-4 ring-1 ring-slate-200">
          <h3 id="answers-provider" className="text-sm font-semibold text-slate-900">
            {t('onboarding.answers.provider.title')}
          </h3>
          <p className="mt-1 text-sm text-slate-600">{t('onboarding.answers.provider.intro')}</p>
          {providers.length > 0 && (
            <ul className="mt-3 flex flex-col gap-2">
              {providers.map((provider) => (
                <li
                  key={provider.id}
                  className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200"
                >
                  <span className="font-medium text-slate-900">{provider.name}</span>
                  {provider.lastTest === null ? (
                    <Badge>{t('onboarding.answers.provider.untested')}</Badge>
                  ) : provider.lastTest.ok ? (
                    <Badge tone="success">{t('onboarding.answers.provider.works')}</Badge>
                  ) : (
                    <Badge tone="danger">{t('onboarding.answers.provider.failed')}</Badge>
                  )}
                  <Button
                    size="sm"
                    className="ml-auto"
                    busy={testing === provider.id}
                    onClick={() => void test.run(provider.id)}
                  >
                    {t('onboarding.answers.provider.test', { name: provider.name })}
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {test.error && (
            <Alert tone="error" className="mt-3" reason={test.error?.reason}>
              {message(test.error)}
            </Alert>
          )}
          <div className="mt-3">
            <Button icon={<Plus aria-hidden="true" className="size-4" />} onClick={() => setAdding(true)}>
              {t('onboarding.answers.provider.add')}
            </Button>
          </div>
          <ProviderDialog
            provider={null}
            open={adding}
            onOpenChange={(open) => {
              setAdding(open);
              if (!open) void loadProviders();
            }}
          />
        </section>
      </Body>
      <StepFooter />
    </>
  );
}

// ── 4. The first agent ──────────────────────────────────────────────────────────────────────────

type Match = MethodOutput<'templates.match'>['matches'][number];

export function AgentStep() {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const language = templateLanguage(i18n.language);
  const showToast = useToastStore((state) => state.show);
  const profile = useProfileStore((state) => state.answer);
  const ensureProfile = useProfileStore((state) => state.ensure);
  const agents = useAgentsStore((state) => state.agents);
  const loadAgents = useAgentsStore((state) => state.load);
  const createAgent = useAgentsStore((state) => state.create);
  const upsert = useAgentsStore((state) => state.upsert);
  const [need, setNeed] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    void ensureProfile();
    void loadAgents();
  }, [ensureProfile, loadAgents]);
  const live = agents.filter((agent) => agent.deployedVersion !== null && agent.status === 'active');

  const find = useSubmit(async () => {
    const answer = await transport.call('templates.match', { need, language });
    setMatches(answer.matches.slice(0, 4));
    setChosen(answer.matches[0]?.template.id ?? null);
  });
  const make = useStepAction(async () => {
    if (!chosen) return;
    const agent = await createAgent({ templateId: chosen, language });
    const deployed = await transport.call('agents.deploy', { agentId: agent.id });
    upsert(deployed);
    showToast('success', t('onboarding.agent.live', { name: deployed.name }));
  }, false);
  const picked = matches?.find((match) => match.template.id === chosen) ?? null;

  return (
    <>
      <StepHeader />
      <Body>
        {live.length > 0 && (
          <Alert tone="success" title={t('onboarding.agent.liveTitle', { count: live.length })}>
            <ul className="mt-1 flex flex-col gap-0.5">
              {live.map((agent) => (
                <li key={agent.id}>
                  <a href={agentPath(agent.id)} className="font-medium underline">
                    {agent.name}
                  </a>
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <form
          noValidate
          className="flex flex-col gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void find.run();
          }}
        >
          <TextAreaField
            label={t('onboarding.agent.needLabel')}
            hint={t('onboarding.agent.needHint')}
            rows={3}
            value={need}
            onChange={(event) => setNeed(event.target.value)}
          />
          {find.error && (
            <Alert tone="error" reason={find.error?.reason}>
              {message(find.error)}
            </Alert>
          )}
          <div>
            <Button
              type="submit"
              busy={find.busy}
              disabled={need.trim().length < 3}
              icon={<Search aria-hidden="true" className="size-4" />}
            >
              {t('onboarding.agent.find')}
            </Button>
          </div>
        </form>
        {matches && matches.length === 0 && <Alert tone="info">{t('onboarding.agent.noMatch')}</Alert>}
        {matches && matches.length > 0 && (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-semibold text-slate-900">
              {t('onboarding.agent.pick')}
            </legend>
            {matches.map((match) => (
              <label
                key={match.template.id}
                className="flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 has-[:checked]:bg-indigo-50 has-[:checked]:ring-indigo-300"
              >
                <input
                  type="radio"
                  name="onboarding-template"
                  className="mt-1 size-4"
                  value={match.template.id}
                  checked={chosen === match.template.id}
                  onChange={() => setChosen(match.template.id)}
                />
                <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600">
                  <TemplateIcon name={match.template.icon} />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-900">
                    {localized(match.template.name, i18n.language)}
                  </span>
                  <span className="block text-sm text-slate-600">
                    {localized(match.template.description, i18n.language)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {picked && picked.template.usesBusinessDetails.length > 0 && profile && (
          <BusinessDetailsPanel uses={picked.template.usesBusinessDetails} answer={profile} />
        )}
        {make.error && (
          <Alert tone="error" reason={make.error?.reason}>
            {message(make.error)}
          </Alert>
        )}
      </Body>
      <StepFooter
        primary={
          picked ? (
            <Button
              variant="primary"
              busy={make.busy}
              icon={<Rocket aria-hidden="true" className="size-4" />}
              onClick={() =>
                void make.run().then(() => {
                  setMatches(null);
                  setChosen(null);
                })
              }
            >
              {t('onboarding.agent.create')}
            </Button>
          ) : undefined
        }
      />
    </>
  );
}

// ── 5. Where customers reach it ─────────────────────────────────────────────────────────────────

export function ChannelStep() {
  const { t } = useTranslation();
  const agents = useAgentsStore((state) => state.agents);
  const status = useAgentsStore((state) => state.status);
  const loadAgents = useAgentsStore((state) => state.load);
  useEffect(() => {
    void loadAgents();
  }, [loadAgents]);
  const agent =
    agents.find((a) => a.deployedVersion !== null && a.status === 'active') ??
    agents.find((a) => a.deployedVersion !== null) ??
    null;
  return (
    <>
      <StepHeader />
      {status !== 'ready' ? (
        <LoadingState label={t('onboarding.loading')} />
      ) : !agent ? (
        <Body>
          <Alert tone="info">{t('onboarding.channel.noAgent')}</Alert>
        </Body>
      ) : (
        <ChannelBody agentId={agent.id} agentName={agent.name} />
      )}
      <StepFooter />
    </>
  );
}

function ChannelBody({ agentId, agentName }: { agentId: string; agentName: string }) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const nav = useStepNav();
  const { editAgents } = usePermissions();
  const channels = useLoad(() => transport.call('channels.list', { agentId }), agentId);
  const setup = useLoad(() => transport.call('setup.status', {}), 'setup');
  const defaults = { name: agentName, language: templateLanguage(i18n.language), zone: localTimeZone() };
  const saved = (channel: Channel) => {
    channels.update((data) => ({
      items: data.items.some((c) => c.id === channel.id)
        ? data.items.map((c) => (c.id === channel.id ? channel : c))
        : [...data.items, channel],
    }));
    void nav.refresh();
  };
  const createWeb = useSubmit(async () => {
    saved(await transport.call('channels.save', saveInput(agentId, null, draftOf(null, defaults))));
  });
  const saveEmail = async (draft: EmailDraft) => {
    saved(await transport.call('channels.save', emailSaveInput(agentId, null, draft)));
  };

  if (channels.error && !channels.data)
    return <ErrorState error={channels.error} onRetry={channels.reload} />;
  if (!channels.data || setup.loading) return <LoadingState label={t('onboarding.loading')} />;
  const web = channels.data.items.find((c) => c.kind === 'web') ?? null;
  const email = channels.data.items.find((c) => c.kind === 'email') ?? null;
  const origin = shareOrigin(setup.data?.publicOrigin ?? null, window.location);
  const preview = window.location.protocol === 'http:' || window.location.protocol === 'https:';

  return (
    <Body>
      <p className="text-sm text-slate-600">{t('onboarding.channel.forAgent', { name: agentName })}</p>
      {web ? (
        <section aria-labelledby="channel-web" className="flex flex-col gap-3">
          <h3 id="channel-web" className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
            <Globe aria-hidden="true" className="size-4 text-slate-500" />
            {t('onboarding.channel.webTitle')}
          </h3>
          <p className="text-sm text-slate-600">
            {t('onboarding.channel.websiteHint')}{' '}
            <a href={agentPath(agentId)} className="font-medium text-indigo-700 underline">
              {agentName}
            </a>
          </p>
          <ShareSection channel={web} origin={origin} preview={preview} />
        </section>
      ) : (
        <div className="flex flex-col items-start gap-2">
          {createWeb.error && (
            <Alert tone="error" reason={createWeb.error?.reason}>
              {message(createWeb.error)}
            </Alert>
          )}
          <Button
            variant="primary"
            busy={createWeb.busy}
            disabled={!editAgents}
            icon={<Globe aria-hidden="true" className="size-4" />}
            onClick={() => void createWeb.run()}
          >
            {t('onboarding.channel.createWeb')}
          </Button>
        </div>
      )}
      <Disclosure
        title={
          <span className="inline-flex items-center gap-1.5">
            <Mail aria-hidden="true" className="size-4 text-slate-500" />
            {t('onboarding.channel.emailTitle')}
          </span>
        }
        summary={
          email
            ? t('onboarding.channel.emailSet', { name: email.name })
            : t('onboarding.channel.emailOptional')
        }
      >
        <div className="pt-3">
          {email ? (
            <p className="text-sm text-slate-700">
              {t('onboarding.channel.emailManage')}{' '}
              <a href={agentPath(agentId)} className="font-medium text-indigo-700 underline">
                {agentName}
              </a>
            </p>
          ) : (
            <EmailChannelForm
              initial={emailDraftOf(null, { name: `${agentName} e-mail` })}
              channel={null}
              readOnly={!editAgents}
              onSave={saveEmail}
            />
          )}
        </div>
      </Disclosure>
    </Body>
  );
}

// ── 6. Backups ──────────────────────────────────────────────────────────────────────────────────

export function BackupsStep() {
  const { t } = useTranslation();
  const nav = useStepNav();
  const folderInput = useRef<HTMLInputElement>(null);
  const backUpNow = useBackupNow();
  const settings = useLoad(() => transport.call('backups.settings', {}), 'onboarding-backups');
  const now = useSubmit(async () => {
    await backUpNow();
    await nav.refresh();
  });
  const inDataFolder = settings.data && settings.data.settings.folder === settings.data.defaults.folder;
  return (
    <>
      <StepHeader />
      <Body>
        {inDataFolder && <Alert tone="info">{t('onboarding.backups.sameDisk')}</Alert>}
        <BackupSettingsPanel
          folderInput={folderInput}
          onSaved={() => {
            settings.reload();
            void nav.refresh();
          }}
        />
        <div className="flex flex-wrap items-center gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
          <p className="min-w-0 flex-1 text-sm text-slate-700">{t('onboarding.backups.nowHint')}</p>
          <Button
            busy={now.busy}
            icon={<DatabaseBackup aria-hidden="true" className="size-4" />}
            onClick={() => void now.run()}
          >
            {t('onboarding.backups.now')}
          </Button>
        </div>
      </Body>
      <StepFooter />
    </>
  );
}

// ── 7. The team ─────────────────────────────────────────────────────────────────────────────────

export function TeamStep() {
  const { t } = useTranslation();
  const nav = useStepNav();
  const [inviting, setInviting] = useState(false);
  return (
    <>
      <StepHeader />
      <Body>
        <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-700">
          <li>{t('onboarding.team.roles.admin')}</li>
          <li>{t('onboarding.team.roles.operator')}</li>
          <li>{t('onboarding.team.roles.viewer')}</li>
        </ul>
        <div>
          <Button icon={<UserPlus aria-hidden="true" className="size-4" />} onClick={() => setInviting(true)}>
            {t('onboarding.team.invite')}
          </Button>
        </div>
        <InviteDialog
          open={inviting}
          onOpenChange={(open) => {
            setInviting(open);
            if (!open) void nav.refresh();
          }}
        />
      </Body>
      <StepFooter />
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, MethodOutput } from '../../contract';

type DemoBuildStep = MethodOutput<'demo.buildStatus'>['step'];
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useErrorMessage } from '../../i18n/error-message';
import { CallError, transport } from '../../transport';
import { navigate } from '../../router/use-route';
import { useSessionStore } from '../../stores/session-store';
import { CopyButton } from '../agents/publish/CopyButton';

/** The same demo from a terminal, into a folder of its own (the installation here stays untouched). */
export const demoCommands = [
  'npx mindframe demo --data-dir mindframe-demo',
  'npx mindframe serve --data-dir mindframe-demo',
] as const;

type Build =
  | { phase: 'idle' }
  | { phase: 'building'; step: DemoBuildStep; percent: number }
  | { phase: 'ready'; me: Me; email: string; password: string }
  | { phase: 'failed'; text: string };

const pollMs = 1000;

/**
 * "Explore a demo" beside "Set up": one click builds the demo into this installation (while it has
 * no owner yet), shows the build's progress, then the owner's e-mail address and generated password
 * once, and opens the demo signed in. The terminal commands stay for a demo in a folder of its own.
 */
export function DemoCommand() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const demoSignedIn = useSessionStore((state) => state.demoSignedIn);
  const [build, setBuild] = useState<Build>({ phase: 'idle' });
  const stopped = useRef(false);
  useEffect(
    () => () => {
      stopped.current = true;
    },
    [],
  );

  const failed = (error: unknown) =>
    setBuild({ phase: 'failed', text: message(error instanceof CallError ? error : null) });

  const start = async () => {
    setBuild({ phase: 'building', step: 'starting', percent: 0 });
    let claim: string;
    try {
      claim = (await transport.call('demo.build', {})).claim;
    } catch (error) {
      failed(error);
      return;
    }
    while (!stopped.current) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      let status;
      try {
        status = await transport.call('demo.buildStatus', { claim });
      } catch (error) {
        failed(error);
        return;
      }
      if (status.state === 'failed') {
        setBuild({ phase: 'failed', text: t(`errors.reasons.${status.reason ?? 'demo_build_failed'}`) });
        return;
      }
      if (status.state === 'ready' && status.me && status.email && status.password) {
        setBuild({ phase: 'ready', me: status.me, email: status.email, password: status.password });
        return;
      }
      setBuild({ phase: 'building', step: status.step, percent: status.percent });
    }
  };

  const open = () => {
    if (build.phase !== 'ready') return;
    demoSignedIn(build.me);
    navigate('#/');
  };

  return (
    <section aria-labelledby="setup-demo-heading" className="mt-8 border-t border-slate-200 pt-6">
      <h2 id="setup-demo-heading" className="text-base font-semibold text-slate-900">
        {t('setup.demo.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('setup.demo.oneClick')}</p>

      {build.phase === 'idle' && (
        <Button className="mt-4" onClick={() => void start()}>
          {t('setup.demo.build')}
        </Button>
      )}

      {build.phase === 'building' && (
        <ProgressBar
          className="mt-4"
          label={t('setup.demo.building')}
          percent={build.percent}
          detail={t(`setup.demo.steps.${build.step}`)}
        />
      )}

      {build.phase === 'failed' && (
        <div className="mt-4 flex flex-col items-start gap-3">
          <Alert tone="error" title={t('setup.demo.failed')}>
            {build.text}
          </Alert>
          <Button onClick={() => void start()}>{t('setup.demo.tryAgain')}</Button>
        </div>
      )}

      {build.phase === 'ready' && (
        <div className="mt-4 flex flex-col gap-3" role="status">
          <Alert tone="success" title={t('setup.demo.ready')}>
            {t('setup.demo.readyDetail')}
          </Alert>
          <dl className="grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">{t('fields.email')}</dt>
            <dd className="font-medium break-all text-slate-900" data-testid="demo-email">
              {build.email}
            </dd>
            <dt className="text-slate-600">{t('fields.password')}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <code
                className="rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900"
                data-testid="demo-password"
              >
                {build.password}
              </code>
              <CopyButton
                text={build.password}
                label={t('setup.demo.copyPassword')}
                copiedMessage={t('setup.demo.passwordCopied')}
              />
            </dd>
          </dl>
          <Button variant="primary" className="self-start" onClick={open}>
            {t('setup.demo.open')}
          </Button>
        </div>
      )}

      <details className="mt-5 text-sm text-slate-700">
        <summary className="cursor-pointer text-slate-600">{t('setup.demo.orTerminal')}</summary>
        <ol className="mt-3 flex flex-col gap-3">
          {demoCommands.map((command, index) => (
            <li key={command} className="flex flex-col gap-2">
              <span>{t(index === 0 ? 'setup.demo.stepBuild' : 'setup.demo.stepOpen')}</span>
              <div className="flex flex-wrap items-center gap-2">
                <code className="rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all text-slate-900">
                  {command}
                </code>
                <CopyButton
                  text={command}
                  label={t(index === 0 ? 'setup.demo.copyBuild' : 'setup.demo.copyOpen')}
                  copiedMessage={t('setup.demo.copied')}
                />
              </div>
            </li>
          ))}
        </ol>
        <p className="mt-3 text-slate-600">{t('setup.demo.signIn')}</p>
      </details>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { CopyButton } from '../agents/publish/CopyButton';

/** The demo is built from the command line into an empty folder of its own; these start and open it. */
export const demoCommands = [
  'npx mindframe demo --data-dir mindframe-demo',
  'npx mindframe serve --data-dir mindframe-demo',
] as const;

/**
 * "Explore a demo" beside "Set up": a running installation cannot turn itself into a demo (the demo
 * is simulated on a clock of its own, in an empty data folder), so the first-run screen gives the
 * exact commands that build one and open it, each with a copy button.
 */
export function DemoCommand() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="setup-demo-heading" className="mt-8 border-t border-slate-200 pt-6">
      <h2 id="setup-demo-heading" className="text-base font-semibold text-slate-900">
        {t('setup.demo.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('setup.demo.description')}</p>
      <ol className="mt-4 flex flex-col gap-3 text-sm text-slate-700">
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
      <p className="mt-3 text-sm text-slate-600">{t('setup.demo.signIn')}</p>
    </section>
  );
}

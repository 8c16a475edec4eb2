import { Monitor, Smartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/Card';
import { SelectField } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/StateViews';
import { Tabs } from '../../components/Tabs';
import { isLanguage, languages, mailTemplates, type Language, type MailTemplateName } from '../../contract';
import { cx } from '../../lib/cx';
import { useLoad } from '../../lib/use-load';
import { usePrefsStore } from '../../stores/prefs-store';
import { transport } from '../../transport';
import { EmailFrame } from './EmailFrame';

type View = 'html' | 'text';
type Width = 'desktop' | 'phone';

/**
 * The e-mails the app writes (welcome, invitation, hand-off, …), as they would be sent: pick one
 * and a language; sample data in the organisation's name. The HTML is shown in a shadow root that
 * runs nothing (EmailFrame).
 */
export function EmailTemplatesCard() {
  const { t } = useTranslation();
  const appLanguage = usePrefsStore((state) => state.language);
  const [template, setTemplate] = useState<MailTemplateName>('handoff');
  const [language, setLanguage] = useState<Language>(appLanguage);
  const [view, setView] = useState<View>('html');
  const [width, setWidth] = useState<Width>('desktop');
  const preview = useLoad(
    () => transport.call('notify.previewEmail', { template, language }),
    `${template}:${language}`,
  );
  const name = t(`notifications.emailTemplates.names.${template}`);

  return (
    <Card title={t('notifications.emailTemplates.title')} titleId="notify-email-templates-title">
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
        {t('notifications.emailTemplates.description')}
      </p>
      <div className="flex flex-wrap items-end gap-4 px-5 pt-4">
        <SelectField
          className="w-64"
          label={t('notifications.emailTemplates.template')}
          value={template}
          onChange={(event) => setTemplate(event.target.value as MailTemplateName)}
          options={mailTemplates.map((id) => ({
            value: id,
            label: t(`notifications.emailTemplates.names.${id}`),
          }))}
        />
        <SelectField
          className="w-44"
          label={t('notifications.emailTemplates.language')}
          value={language}
          onChange={(event) => {
            if (isLanguage(event.target.value)) setLanguage(event.target.value);
          }}
          options={languages.map((code) => ({ value: code, label: t(`language.names.${code}`) }))}
        />
        <div role="group" aria-label={t('notifications.emailTemplates.width')} className="flex gap-1 pb-0.5">
          {(['desktop', 'phone'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={width === option}
              onClick={() => setWidth(option)}
              className={cx(
                'inline-flex h-10 items-center gap-1.5 rounded-md px-3 text-sm font-medium ring-1',
                width === option
                  ? 'bg-indigo-50 text-indigo-700 ring-indigo-200'
                  : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
              )}
            >
              {option === 'desktop' ? (
                <Monitor aria-hidden="true" className="size-4" />
              ) : (
                <Smartphone aria-hidden="true" className="size-4" />
              )}
              {t(`notifications.emailTemplates.widths.${option}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="px-5 pt-4 pb-5">
        {preview.error && !preview.data ? (
          <ErrorState error={preview.error} onRetry={preview.reload} />
        ) : !preview.data ? (
          <LoadingState label={t('notifications.emailTemplates.loading')} />
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-700" aria-live="polite">
              <span className="font-medium text-slate-900">{t('notifications.emailTemplates.subject')}</span>{' '}
              <span lang={language}>{preview.data.subject}</span>
            </p>
            <Tabs<View>
              label={t('notifications.emailTemplates.views')}
              value={view}
              onChange={setView}
              tabs={[
                { id: 'html', label: t('notifications.emailTemplates.html') },
                { id: 'text', label: t('notifications.emailTemplates.text') },
              ]}
              panelClassName="pt-4"
              panels={{
                html: (
                  <div className="overflow-x-auto rounded-lg bg-slate-100 p-3 ring-1 ring-slate-200">
                    <EmailFrame
                      html={preview.data.html}
                      title={t('notifications.emailTemplates.frameTitle', { name })}
                      className={cx(
                        'mx-auto block h-[640px] overflow-auto rounded-md bg-white',
                        width === 'desktop' ? 'w-full max-w-[700px]' : 'w-[375px]',
                      )}
                    />
                  </div>
                ),
                text: (
                  <pre
                    lang={language}
                    tabIndex={0}
                    aria-label={t('notifications.emailTemplates.text')}
                    className="max-h-[640px] overflow-auto rounded-lg bg-slate-50 p-4 font-mono text-[13px] leading-relaxed whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200"
                  >
                    {preview.data.text}
                  </pre>
                ),
              }}
            />
          </>
        )}
      </div>
    </Card>
  );
}

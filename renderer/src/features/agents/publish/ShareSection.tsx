import { ExternalLink } from 'lucide-react';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import type { Channel } from '../../../contract';
import { CopyButton } from './CopyButton';
import { embedCode, hostedLink } from './origins';
import { QrCode } from './QrCode';

/** Selects the text of an element, for copying by hand when the clipboard refuses. */
function selectText(element: HTMLElement | null) {
  if (!element) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/**
 * How customers reach a saved web channel: the embed code for a website, the hosted link and its QR
 * code, and a live preview of the chat page.
 */
export function ShareSection({
  channel,
  origin,
  preview,
}: {
  channel: Channel;
  /** The origin the code and link name; null: none to give (the desktop app without a public door). */
  origin: string | null;
  /** Whether the chat page can be shown here (the app served over http, where it answers too). */
  preview: boolean;
}) {
  const { t } = useTranslation();
  const code = useRef<HTMLElement>(null);
  const linkText = useRef<HTMLAnchorElement>(null);
  if (!origin) {
    return <Alert tone="info">{t('agents.publish.share.noOrigin')}</Alert>;
  }
  const snippet = embedCode(origin, channel.publicId);
  const link = hostedLink(origin, channel.publicId);
  const fileName = `${channel.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'chat'}-qr.png`;

  return (
    <div className="flex flex-col gap-6">
      {!channel.enabled && <Alert tone="warning">{t('agents.publish.share.off')}</Alert>}
      <Section title={t('agents.publish.share.embedTitle')}>
        <p className="text-sm text-slate-600">{t('agents.publish.share.embedHint')}</p>
        <div className="flex items-start gap-2">
          <pre className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2.5 text-[13px] leading-5 whitespace-pre-wrap text-slate-100">
            <code ref={code} className="[overflow-wrap:anywhere]" data-testid="embed-code">
              {snippet}
            </code>
          </pre>
          <CopyButton
            text={snippet}
            label={t('agents.publish.share.copyEmbed')}
            copiedMessage={t('agents.publish.share.embedCopied')}
            onFailed={() => selectText(code.current)}
          />
        </div>
        {channel.allowedOrigins.length === 0 && (
          <Alert tone="warning">{t('agents.publish.share.noOrigins')}</Alert>
        )}
      </Section>

      <Section title={t('agents.publish.share.linkTitle')}>
        <p className="text-sm text-slate-600">{t('agents.publish.share.linkHint')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <a
            ref={linkText}
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            className="min-w-0 flex-1 basis-64 rounded-md bg-slate-50 px-3 py-2 font-mono text-[13px] break-all text-indigo-800 ring-1 ring-slate-200 ring-inset hover:underline"
            data-testid="hosted-link"
          >
            {link}
          </a>
          <CopyButton
            text={link}
            label={t('agents.publish.share.copyLink')}
            copiedMessage={t('agents.publish.share.linkCopied')}
            onFailed={() => selectText(linkText.current)}
          />
          <a
            href={link}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex h-11 items-center gap-1.5 rounded-md px-3 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 md:h-8 md:px-2.5"
          >
            <ExternalLink aria-hidden="true" className="size-4" />
            {t('agents.publish.share.open')}
            <span className="sr-only"> {t('agents.publish.share.newWindow')}</span>
          </a>
        </div>
        <QrCode link={link} fileName={fileName} />
      </Section>

      <Section title={t('agents.publish.share.previewTitle')}>
        {preview ? (
          <>
            <p className="text-sm text-slate-600">{t('agents.publish.share.previewHint')}</p>
            <iframe
              key={channel.updatedAt}
              src={`/c/${encodeURIComponent(channel.publicId)}`}
              title={t('agents.publish.share.previewLabel', { name: channel.name })}
              className="h-[32rem] w-full rounded-lg bg-white ring-1 ring-slate-200"
              referrerPolicy="no-referrer"
            />
          </>
        ) : (
          <p className="text-sm text-slate-600">{t('agents.publish.share.noPreview')}</p>
        )}
      </Section>
    </div>
  );
}

import { Check, Copy, Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { saveFile } from '../transfer/transfer';

/** Recovery codes, shown once: the core keeps only their hashes. */
export function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const text = `${t('twoFactor.codes.fileHeading', { email })}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <Alert tone="warning" title={t('twoFactor.codes.title')}>
        {t('twoFactor.codes.body')}
      </Alert>
      <ol
        aria-label={t('twoFactor.codes.listLabel')}
        className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg bg-slate-50 p-4 font-mono text-sm text-slate-900 ring-1 ring-slate-200 sm:w-fit"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          onClick={() => void copy()}
          icon={
            copied === 'yes' ? (
              <Check aria-hidden="true" className="size-4 text-emerald-600" />
            ) : (
              <Copy aria-hidden="true" className="size-4" />
            )
          }
        >
          {copied === 'yes' ? t('common.copied') : t('twoFactor.codes.copy')}
        </Button>
        <Button
          icon={<Download aria-hidden="true" className="size-4" />}
          onClick={() => saveFile(new Blob([text], { type: 'text/plain' }), 'mindframe-recovery-codes.txt')}
        >
          {t('twoFactor.codes.download')}
        </Button>
        <Button variant="primary" onClick={onDone}>
          {t('twoFactor.codes.saved')}
        </Button>
      </div>
      {copied === 'failed' && <p className="text-sm text-red-700">{t('twoFactor.codes.copyFailed')}</p>}
    </div>
  );
}

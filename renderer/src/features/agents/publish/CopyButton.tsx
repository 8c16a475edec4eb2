import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { copyText } from './copy';

/**
 * Copies a text and says so: the button shows "Copied" for a moment, and a status line tells screen
 * readers what was copied (or that it could not be, with what to do instead).
 */
export function CopyButton({
  text,
  label,
  copiedMessage,
  onFailed,
}: {
  text: string;
  /** The button's name for screen readers, e.g. "Copy embed code". */
  label: string;
  /** Said when it worked, e.g. "Embed code copied". */
  copiedMessage: string;
  /** When copying is refused: e.g. select the text so the user can copy it by hand. */
  onFailed?: () => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async () => {
    const copied = await copyText(text);
    setState(copied ? 'copied' : 'failed');
    if (!copied) onFailed?.();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 4000);
  };

  return (
    <>
      <Button
        size="sm"
        aria-label={label}
        icon={
          state === 'copied' ? (
            <Check aria-hidden="true" className="size-4 text-emerald-600" />
          ) : (
            <Copy aria-hidden="true" className="size-4" />
          )
        }
        onClick={() => void copy()}
      >
        {state === 'copied' ? t('common.copied') : t('common.copy')}
      </Button>
      <span role="status" className={state === 'failed' ? 'text-sm text-red-700' : 'sr-only'}>
        {state === 'copied' ? copiedMessage : state === 'failed' ? t('agents.publish.copyFailed') : ''}
      </span>
    </>
  );
}

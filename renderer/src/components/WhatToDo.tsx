import { LifeBuoy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import {
  checkAnchor,
  troubleshootingAnchorForReason,
  troubleshootingSlug,
} from '../../../main/contract/help-anchors';
import { cx } from '../lib/cx';
import { helpPath } from '../router/routes';

/** Where the help says what to do about an error reason, or null when it says nothing of it. */
export function whatToDoPath(reason: string | undefined | null): string | null {
  const anchor = reason ? troubleshootingAnchorForReason(reason) : null;
  return anchor ? helpPath(troubleshootingSlug, anchor) : null;
}

/** Where the help says what to do about a Guardian check. */
export const whatToDoForCheckPath = (checkId: string) => helpPath(troubleshootingSlug, checkAnchor(checkId));

/** "What to do": a link to the troubleshooting article's part about an error reason or a check. */
export function WhatToDo({
  href,
  label,
  className,
}: {
  href: string | null;
  /** What it is about, for screen readers ("What to do: Disk space"). */
  label?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  if (!href) return null;
  return (
    <a
      href={href}
      aria-label={label ? `${t('help.whatToDo')}: ${label}` : undefined}
      className={cx(
        'inline-flex items-center gap-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline',
        className,
      )}
    >
      <LifeBuoy aria-hidden="true" className="size-3.5 shrink-0" />
      {t('help.whatToDo')}
    </a>
  );
}

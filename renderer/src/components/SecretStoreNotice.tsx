import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../lib/permissions';
import { useLoad } from '../lib/use-load';
import { transport } from '../transport';
import { Alert } from './Alert';
import { secretStoreNoticeKind, secretStoreNoticeTone, type SecretStoreNoticeKind } from './secret-store';

interface SecretStoreNoticeProps {
  className?: string;
  /** A sentence the page adds (e.g. that a stored key is never shown again). */
  children?: ReactNode;
}

/**
 * Says where this installation keeps its secrets (provider and SMTP keys, the backup key) and what
 * that means: the OS keychain, or an encrypted file in the data folder whose key comes from
 * MINDFRAME_MASTER_KEY or sits beside it. Admins see which; others see that secrets stay out of the
 * database.
 */
export function SecretStoreNotice({ className, children }: SecretStoreNoticeProps) {
  const { t } = useTranslation();
  const { role, platformAdmin } = usePermissions();
  const allowed = platformAdmin || role === 'admin' || role === 'owner';
  const status = useLoad(() => transport.call('secrets.status', {}), 'secrets.status', allowed);
  if (allowed && status.loading) return null;
  const kind = secretStoreNoticeKind(allowed ? status.data : null);
  const text: Record<SecretStoreNoticeKind, { title: string; body: string }> = {
    keychain: { title: t('secretStore.keychain.title'), body: t('secretStore.keychain.body') },
    fileEnvironment: {
      title: t('secretStore.fileEnvironment.title'),
      body: t('secretStore.fileEnvironment.body'),
    },
    fileBeside: { title: t('secretStore.fileBeside.title'), body: t('secretStore.fileBeside.body') },
    unknown: { title: t('secretStore.unknown.title'), body: t('secretStore.unknown.body') },
  };
  return (
    <Alert tone={secretStoreNoticeTone[kind]} className={className} title={text[kind].title}>
      <p>{text[kind].body}</p>
      {children && <p className="mt-1">{children}</p>}
    </Alert>
  );
}

import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { useSessionStore } from '../../stores/session-store';

/** Tells the user why they are looking at the sign-in screen when they did not sign out here. */
export function SignedOutNotice() {
  const { t } = useTranslation();
  const reason = useSessionStore((state) => state.signedOutReason);
  if (!reason) return null;
  return <Alert tone="info">{t(`login.signedOut.${reason}`)}</Alert>;
}

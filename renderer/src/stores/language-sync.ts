import type { Language } from '../contract';
import { transport } from '../transport';
import { usePrefsStore } from './prefs-store';
import { useSessionStore } from './session-store';

/**
 * The server remembers the language the user last used the app in, so e-mails to them are written
 * in it: on signing in (when it differs from this device's) and on every change while signed in.
 * Best effort: a failure keeps the screen's language and is tried again on the next change.
 */
export function startLanguageSync(): () => void {
  const save = (language: Language) => {
    const me = useSessionStore.getState().me;
    if (!me || me.language === language) return;
    transport.call('auth.setLanguage', { language }).then(
      (saved) => {
        const current = useSessionStore.getState().me;
        if (current && current.user.id === me.user.id)
          useSessionStore.setState({ me: { ...current, language: saved.language } });
      },
      () => undefined,
    );
  };
  const stopSession = useSessionStore.subscribe((state, previous) => {
    if (state.me && state.me !== previous.me) save(usePrefsStore.getState().language);
  });
  const stopPrefs = usePrefsStore.subscribe((state, previous) => {
    if (state.language !== previous.language) save(state.language);
  });
  return () => {
    stopSession();
    stopPrefs();
  };
}

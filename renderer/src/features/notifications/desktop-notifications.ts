import { useEffect, useSyncExternalStore } from 'react';
import type { Notification as AppNotification } from '../../contract';
import { useMessageText } from '../../i18n/message';
import { navigate } from '../../router/use-route';
import { useToastStore, type Toast } from '../../stores/toast-store';
import { transport } from '../../transport';

export type DesktopPermission = 'unsupported' | 'default' | 'granted' | 'denied';

const hasApi = () => typeof window !== 'undefined' && 'Notification' in window;

export function desktopPermission(): DesktopPermission {
  return hasApi() ? window.Notification.permission : 'unsupported';
}

const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  let status: PermissionStatus | null = null;
  let active = true;
  navigator.permissions
    ?.query({ name: 'notifications' })
    .then((answer) => {
      if (!active) return;
      status = answer;
      answer.onchange = changed;
    })
    .catch(() => undefined);
  return () => {
    active = false;
    listeners.delete(onChange);
    if (status) status.onchange = null;
  };
}

/** The browser's notification permission, re-read when it changes here or in the site settings. */
export function useDesktopPermission(): DesktopPermission {
  return useSyncExternalStore(subscribe, desktopPermission, () => 'unsupported');
}

/** Asks the browser; call only from a click (browsers ignore or block requests made without one). */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (!hasApi()) return 'unsupported';
  const answer = await window.Notification.requestPermission();
  changed();
  return answer;
}

/** Only the app's own routes are followed from a notification. */
export const safeLink = (link: string | null): string | null =>
  link && /^#\/[^\s]*$/.test(link) ? link : null;

export function toastTone(notification: Pick<AppNotification, 'event' | 'severity'>): Toast['tone'] {
  if (notification.event === 'incident.resolved') return 'success';
  if (notification.event === 'test') return 'info';
  if (notification.severity === 'SEV1') return 'error';
  if (notification.severity === 'SEV2') return 'warning';
  return 'info';
}

/** A notification's words in the user's language: its messages, else the core's English. */
export interface NotificationWords {
  title: string;
  body: string;
}

export function wordsOf(
  notification: AppNotification,
  say: (message: NonNullable<AppNotification['titleMessage']>, fallback?: string) => string,
): NotificationWords {
  return {
    title: notification.titleMessage
      ? say(notification.titleMessage, notification.title)
      : notification.title,
    body:
      notification.bodyMessages.length > 0
        ? notification.bodyMessages.map((message) => say(message)).join('\n\n')
        : notification.body,
  };
}

/** Shows a notification through the browser, when allowed; the app's own toast covers the rest. */
export function showDesktop(notification: AppNotification, words: NotificationWords): boolean {
  if (desktopPermission() !== 'granted') return false;
  try {
    const shown = new window.Notification(words.title, {
      body: words.body,
      tag: notification.id,
      lang: document.documentElement.lang,
    });
    const link = safeLink(notification.link);
    shown.onclick = () => {
      window.focus();
      if (link) navigate(link);
      shown.close();
    };
    return true;
  } catch {
    // some browsers allow notifications only from a service worker; the toast is still shown
    return false;
  }
}

/**
 * Listens for the core's `notification` event while signed in: a toast in the app, and a desktop
 * notification through the browser when the window is not in front and permission was given.
 */
export function useNotificationListener(): void {
  const say = useMessageText();
  useEffect(
    () =>
      transport.on('notification', (notification) => {
        const words = wordsOf(notification, say);
        useToastStore.getState().notify({
          tone: toastTone(notification),
          title: words.title,
          message: words.body,
          link: safeLink(notification.link),
        });
        if (document.visibilityState !== 'visible' || !document.hasFocus()) showDesktop(notification, words);
      }),
    [say],
  );
}

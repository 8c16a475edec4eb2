import { useEffect, useState } from 'react';
import { navigateUnguarded, setNavigationGuard } from '../../router/use-route';

/**
 * Asks before leaving with unsaved changes: in the app (hash links), where `leaveTo` is the address
 * the user wanted until they stay or leave, and when closing the window.
 */
export function useLeaveGuard(dirty: boolean) {
  const [leaveTo, setLeaveTo] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const release = setNavigationGuard((next) => {
      setLeaveTo(next);
      return false;
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      release();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [dirty]);

  return {
    leaveTo,
    stay: () => setLeaveTo(null),
    leave: () => {
      const target = leaveTo;
      setLeaveTo(null);
      if (target !== null) navigateUnguarded(target || '#/');
    },
  };
}

import { useEffect } from 'react';
import { usePaletteStore } from './palette-store';

/** Is the keyboard in something that takes text (a field, an editor)? */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** Ctrl/⌘K opens the palette anywhere; "/" opens it when the keyboard is not in a field. */
export function usePaletteShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const { open, setOpen } = usePaletteStore.getState();
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(!open);
        return;
      }
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !open && !typingIn(event.target)) {
        // a dialog that is open keeps the keyboard
        if (document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"]')) return;
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

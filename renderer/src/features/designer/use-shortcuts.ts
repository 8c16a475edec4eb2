import { useEffect, useRef, type RefObject } from 'react';
import { useDesignerStore } from './designer-store';

interface Options {
  readOnly: boolean;
  save(): void;
  help(): void;
}

const typingTarget = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.matches('input, textarea, select, [role=combobox], [role=textbox]'));

/**
 * The designer's keyboard shortcuts. They act while the focus is in the designer (or nowhere), not
 * in a dialog; editing keys leave text fields alone so typing and the field's own undo work there.
 */
export function useDesignerShortcuts(root: RefObject<HTMLElement | null>, options: Options): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target;
      // clicking the canvas's background puts the focus on <main>, around the designer
      const inside =
        target === document.body ||
        (target instanceof HTMLElement && target.id === 'main') ||
        (target instanceof Node && root.current?.contains(target));
      if (!inside || document.querySelector('[role=dialog], [role=alertdialog]')) return;
      const { readOnly, save, help } = latest.current;
      const store = useDesignerStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const act = (action: () => unknown) => {
        event.preventDefault();
        action();
      };

      if (mod && key === 's') return act(save);
      if (typingTarget(target)) return;
      if (key === '?' || (event.shiftKey && key === '/')) return act(help);
      if (key === 'escape') return store.select(null);
      if (mod && key === 'a' && !event.shiftKey) return act(() => store.selectAll());
      if (mod && key === 'c' && !event.shiftKey) {
        if (window.getSelection()?.toString()) return;
        return act(() => store.copy());
      }
      if (readOnly) return;
      if (mod && key === 'z' && !event.shiftKey) return act(() => store.undo());
      if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) return act(() => store.redo());
      if (mod && key === 'v' && !event.shiftKey) return act(() => store.paste());
      if (mod && key === 'd') return act(() => store.duplicate());
      if (!mod && (key === 'delete' || key === 'backspace')) return act(() => store.deleteSelected());
      if (!mod && event.shiftKey && key === 'l') return act(() => store.layout());
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [root]);
}

/** The designer's keyboard shortcuts, as the help dialog lists them (use-shortcuts.ts acts on them). */
export const shortcutList = [
  { keys: ['Mod', 'S'], action: 'save' },
  { keys: ['Mod', 'Z'], action: 'undo' },
  { keys: ['Mod', 'Shift', 'Z'], action: 'redo' },
  { keys: ['Mod', 'Y'], action: 'redo' },
  { keys: ['Mod', 'C'], action: 'copy' },
  { keys: ['Mod', 'V'], action: 'paste' },
  { keys: ['Mod', 'D'], action: 'duplicate' },
  { keys: ['Mod', 'A'], action: 'selectAll' },
  { keys: ['Delete'], action: 'delete' },
  { keys: ['Backspace'], action: 'delete' },
  { keys: ['Shift', 'L'], action: 'layout' },
  { keys: ['Escape'], action: 'deselect' },
  { keys: ['Arrows'], action: 'move' },
  { keys: ['Shift', 'Drag'], action: 'boxSelect' },
  { keys: ['?'], action: 'help' },
] as const;

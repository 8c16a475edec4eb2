import { useState } from 'react';

const paletteKey = 'mindframe.designer.palette';

/**
 * The palette shows names on wide screens and icons only on narrower ones (up to 1440 px the canvas
 * needs the room to show steps at a readable size), unless the user chose.
 */
function readPalettePreference(): boolean {
  try {
    const stored = localStorage.getItem(paletteKey);
    if (stored === 'expanded' || stored === 'collapsed') return stored === 'expanded';
  } catch {
    // storage can be unavailable; fall back to the screen width
  }
  return window.innerWidth >= 1600;
}

function writePalettePreference(expanded: boolean): void {
  try {
    localStorage.setItem(paletteKey, expanded ? 'expanded' : 'collapsed');
  } catch {
    // not remembered: the choice holds for this visit
  }
}

/** Whether the palette shows its names, and the toggle that remembers the user's choice. */
export function usePalettePreference(): [expanded: boolean, toggle: () => void] {
  const [expanded, setExpanded] = useState(readPalettePreference);
  const toggle = () =>
    setExpanded((open) => {
      writePalettePreference(!open);
      return !open;
    });
  return [expanded, toggle];
}

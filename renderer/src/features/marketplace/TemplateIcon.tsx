import { Sparkles, type LucideIcon } from 'lucide-react';
import { createElement, useEffect, useState } from 'react';
import { cx } from '../../lib/cx';

type IconSet = Record<string, unknown>;
let loaded: IconSet | null = null;
let loading: Promise<IconSet> | null = null;

function loadIcons(): Promise<IconSet> {
  loading ??= import('./lucide-all').then((module) => {
    loaded = module as unknown as IconSet;
    return loaded;
  });
  return loading;
}

/** "shopping-cart", "shoppingCart" or "ShoppingCart" → "ShoppingCart". */
export function pascalIconName(name: string): string {
  return name
    .trim()
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function pick(icons: IconSet | null, name: string): LucideIcon {
  const candidate = icons?.[pascalIconName(name)];
  return (typeof candidate === 'object' || typeof candidate === 'function') && candidate !== null
    ? (candidate as LucideIcon)
    : Sparkles;
}

/** A template's icon, by its lucide name; a neutral icon until the set has loaded or when unknown. */
export function TemplateIcon({ name, className }: { name: string; className?: string }) {
  const [icons, setIcons] = useState<IconSet | null>(loaded);
  useEffect(() => {
    if (icons) return;
    let current = true;
    void loadIcons().then((set) => {
      if (current) setIcons(set);
    });
    return () => {
      current = false;
    };
  }, [icons]);
  return createElement(pick(icons, name), { 'aria-hidden': true, className: cx('size-5', className) });
}

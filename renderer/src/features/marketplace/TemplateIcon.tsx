import { Sparkles, type LucideIcon } from 'lucide-react';
import { createElement } from 'react';
import { cx } from '../../lib/cx';
import { templateIcons } from './template-icons';

/** "shopping-cart", "shoppingCart" or "ShoppingCart" → "ShoppingCart". */
export function pascalIconName(name: string): string {
  return name
    .trim()
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The icon a template names; a neutral icon for a name the app does not know. */
export function templateIcon(name: string): LucideIcon {
  return Object.hasOwn(templateIcons, pascalIconName(name)) ? templateIcons[pascalIconName(name)]! : Sparkles;
}

/** A template's icon, by its lucide name. */
export function TemplateIcon({ name, className }: { name: string; className?: string }) {
  return createElement(templateIcon(name), { 'aria-hidden': true, className: cx('size-5', className) });
}

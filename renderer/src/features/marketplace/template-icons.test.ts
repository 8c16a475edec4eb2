import { Sparkles } from 'lucide-react';
import { describe, expect, it } from 'vitest';
import { templateIcon } from './TemplateIcon';
import { templateIcons } from './template-icons';

/** The templates the app ships, as the marketplace lists them. */
const shipped = Object.entries(
  import.meta.glob<{ icon: string }>('../../../../assets/templates/*.json', {
    eager: true,
    import: 'default',
  }),
);

describe('template icons', () => {
  it('finds the shipped templates', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(24);
  });

  it.each(shipped)('%s: its icon is in the map, not the neutral fallback', (_file, template) => {
    expect(Object.keys(templateIcons)).toContain(template.icon);
    expect(templateIcon(template.icon)).toBe(templateIcons[template.icon]);
    expect(templateIcon(template.icon)).not.toBe(Sparkles);
  });

  it('reads kebab-case and camelCase names, and shows the neutral icon for an unknown one', () => {
    expect(templateIcon('shopping-bag')).toBe(templateIcons.ShoppingBag);
    expect(templateIcon('lifeBuoy')).toBe(templateIcons.LifeBuoy);
    expect(templateIcon('no-such-icon')).toBe(Sparkles);
    expect(templateIcon('constructor')).toBe(Sparkles);
  });
});

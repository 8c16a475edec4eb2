import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../i18n';
import { DeltaBadge } from './DeltaBadge';

const render = (language: string, props: Parameters<typeof DeltaBadge>[0]) => {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources, lng: language, fallbackLng: 'en', initAsync: false });
  const html = renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(DeltaBadge, props)),
  );
  // the text as read: tags dropped, spaces (incl. narrow no-break) made plain
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
};

describe('DeltaBadge', () => {
  it('says a change of a percentage in percentage points, with screen-reader words, in every language', () => {
    const props = { current: 25, previous: 45, unit: 'points' as const, previousText: '45 %' };
    const en = render('en', props);
    expect(en).toMatch(/[−-]20 pts/);
    expect(en).toContain('Down 20 percentage points');
    expect(en).not.toMatch(/44/); // not the relative change (−44 %)
    expect(render('nl', props)).toMatch(/[−-]20 procentpunt/);
    expect(render('nl', props)).toContain('20 procentpunten');
    expect(render('nb', props)).toContain('−20 prosentpoeng');
  });

  it('keeps the relative change in percent by default', () => {
    expect(render('en', { current: 25, previous: 50 })).toMatch(/[−-]50 ?%/);
  });
});

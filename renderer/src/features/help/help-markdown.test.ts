import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { helpPath, parseHash } from '../../router/routes';
import { whatToDoForCheckPath, whatToDoPath } from '../../components/WhatToDo';
import {
  articleForRoute,
  isTypingTarget,
  linkKind,
  splitHeadingAnchor,
  type HelpArticleSummary,
} from './help-data';
import { HelpMarkdown } from './HelpMarkdown';

const render = (markdown: string) =>
  renderToStaticMarkup(
    createElement(HelpMarkdown, { markdown, slug: 'faq', anchorLabel: 'Link', newWindowLabel: 'new window' }),
  );

describe('help articles render safely', () => {
  it('renders a <script> and other raw HTML inert: dropped, never an element', () => {
    const html = render(
      'Before <script>alert(1)</script> after.\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil.test"></iframe>',
    );
    expect(html).not.toMatch(/<script|<img|<iframe|onerror/i);
    expect(html).toContain('Before');
  });

  it('renders a javascript: or data: link as plain text', () => {
    const html = render(
      '[click](javascript:alert(1)) and [data](data:text/html,<b>x</b>) and [vb](vbscript:x)',
    );
    expect(html).not.toMatch(/javascript:|data:text|vbscript:|href/i);
    expect(html).toContain('click');
  });

  it('keeps links to app pages in the app and opens other sites in a new window without access', () => {
    const html = render('[Backups](#/backups) and [site](https://example.com)');
    expect(html).toContain('<a href="#/backups"');
    expect(html).not.toMatch(/href="#\/backups"[^>]*target/);
    expect(html).toMatch(/<a href="https:\/\/example.com" target="_blank" rel="noopener noreferrer"/);
    expect(html).toContain('new window');
  });

  it('gives headings their {#anchor} as an id and a link, without showing the braces', () => {
    const html = render('## Disk space {#check-disk}\n\nText.');
    expect(html).toContain('id="help-check-disk"');
    expect(html).toContain(`href="${helpPath('faq', 'check-disk')}"`);
    expect(html).not.toContain('{#');
    expect(html).toContain('Disk space');
  });

  it('renders GitHub tables', () => {
    expect(render('| Keys | What |\n| --- | --- |\n| F1 | Help |')).toMatch(
      /<table[\s\S]*<th[^>]*>Keys<\/th>/,
    );
  });
});

describe('help links', () => {
  it('routes #/help and #/help/<slug>?a=<anchor>', () => {
    expect(parseHash('#/help')).toEqual({ name: 'help' });
    expect(parseHash('#/help/troubleshooting?a=disk-full')).toEqual({
      name: 'help',
      slug: 'troubleshooting',
      anchor: 'disk-full',
    });
    expect(parseHash(helpPath('backups'))).toEqual({ name: 'help', slug: 'backups' });
  });

  it('links an error reason and a Guardian check to what to do', () => {
    expect(whatToDoPath('disk_full')).toBe('#/help/troubleshooting?a=disk-full');
    expect(whatToDoPath('flow_has_problems')).toBe('#/help/troubleshooting?a=agents-and-flows');
    expect(whatToDoPath('no_such_reason')).toBeNull();
    expect(whatToDoPath(undefined)).toBeNull();
    expect(whatToDoForCheckPath('backup_freshness')).toBe('#/help/troubleshooting?a=check-backup-freshness');
  });

  it("opens the page's article, and getting started where none names the page", () => {
    const articles: HelpArticleSummary[] = [
      { slug: 'runs', title: 'Runs', section: 'pages', route: 'runs', routes: ['runs', 'run'] },
      { slug: 'costs', title: 'Costs', section: 'pages', route: 'costs', routes: ['costs'] },
    ];
    expect(articleForRoute(articles, { name: 'run', runId: 'r1' })).toBe('runs');
    expect(articleForRoute(articles, { name: 'costs' })).toBe('costs');
    expect(articleForRoute(articles, { name: 'team' })).toBe('getting-started');
    expect(articleForRoute(articles, { name: 'help', slug: 'faq' })).toBe('faq');
  });

  it('leaves keys typed into fields alone', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
  });

  it('splits anchors and sorts link kinds', () => {
    expect(splitHeadingAnchor('Disk {#check-disk}')).toEqual({ text: 'Disk', anchor: 'check-disk' });
    expect(splitHeadingAnchor('Plain')).toEqual({ text: 'Plain', anchor: null });
    expect(linkKind('#/team')).toBe('app');
    expect(linkKind('mailto:a@b.test')).toBe('external');
    expect(linkKind('javascript:alert(1)')).toBe('none');
    expect(linkKind('//evil.test')).toBe('none');
  });
});

import { Children, isValidElement, type ReactNode } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { helpPath } from '../../router/routes';
import { anchorId, linkKind, splitHeadingAnchor } from './help-data';

/** The plain text of a heading's children (strings, and the text inside inline code or emphasis). */
function textOf(children: ReactNode): string {
  return Children.toArray(children)
    .map((child) => {
      if (typeof child === 'string' || typeof child === 'number') return String(child);
      if (isValidElement<{ children?: ReactNode }>(child)) return textOf(child.props.children);
      return '';
    })
    .join('');
}

/** The heading's children with the trailing `{#anchor}` taken off the last text. */
function withoutAnchor(children: ReactNode): ReactNode[] {
  const list = Children.toArray(children);
  const last = list[list.length - 1];
  if (typeof last === 'string') list[list.length - 1] = splitHeadingAnchor(last).text;
  return list;
}

const headingClass: Record<'h1' | 'h2' | 'h3' | 'h4', string> = {
  h1: 'mt-2 mb-4 text-2xl font-semibold text-slate-900',
  h2: 'mt-8 mb-3 text-lg font-semibold text-slate-900',
  h3: 'mt-6 mb-2 text-base font-semibold text-slate-900',
  h4: 'mt-4 mb-2 text-sm font-semibold text-slate-900',
};

function heading(level: 'h1' | 'h2' | 'h3' | 'h4', slug: string, anchorLabel: string) {
  // the article's own title is the page's h1: its headings start one level lower
  const Tag = ({ h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h4' } as const)[level];
  return function Heading({ children }: { children?: ReactNode }) {
    const { anchor } = splitHeadingAnchor(textOf(children));
    const content = withoutAnchor(children);
    return (
      <Tag id={anchor ? anchorId(anchor) : undefined} className={`group scroll-mt-6 ${headingClass[level]}`}>
        {content}
        {anchor && (
          <a
            href={helpPath(slug, anchor)}
            className="ml-2 text-slate-400 no-underline opacity-0 group-hover:opacity-100 hover:text-indigo-700 focus:opacity-100"
            aria-label={`${anchorLabel}: ${textOf(content)}`}
          >
            #
          </a>
        )}
      </Tag>
    );
  };
}

/**
 * A help article, rendered safely: no raw HTML (it is dropped, never rendered), only http(s), mailto
 * and in-app `#/` links (anything else, `javascript:` included, becomes plain text), links to the
 * app's pages stay in the app, other sites open in a new window without access to this one.
 */
export function HelpMarkdown({
  markdown,
  slug,
  anchorLabel,
  newWindowLabel,
}: {
  markdown: string;
  slug: string;
  anchorLabel: string;
  newWindowLabel: string;
}) {
  const components: Components = {
    h1: heading('h1', slug, anchorLabel),
    h2: heading('h2', slug, anchorLabel),
    h3: heading('h3', slug, anchorLabel),
    h4: heading('h4', slug, anchorLabel),
    a({ href, children }) {
      const kind = linkKind(href);
      if (kind === 'none') return <span>{children}</span>;
      if (kind === 'app')
        return (
          <a href={href} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            {children}
          </a>
        );
      return (
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          className="font-medium text-indigo-700 underline hover:text-indigo-900"
        >
          {children}
          <span className="sr-only"> ({newWindowLabel})</span>
        </a>
      );
    },
    img: ({ alt }) => <span>{alt}</span>,
    p: ({ children }) => <p className="my-3 leading-7 text-slate-700">{children}</p>,
    ul: ({ children }) => <ul className="my-3 list-disc space-y-1.5 pl-6 text-slate-700">{children}</ul>,
    ol: ({ children }) => <ol className="my-3 list-decimal space-y-1.5 pl-6 text-slate-700">{children}</ol>,
    li: ({ children }) => <li className="leading-7">{children}</li>,
    strong: ({ children }) => <strong className="font-semibold text-slate-900">{children}</strong>,
    code: ({ children }) => (
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.85em] text-slate-800">
        {children}
      </code>
    ),
    pre: ({ children }) => (
      <pre className="my-4 overflow-x-auto rounded-lg bg-slate-100 p-4 text-sm">{children}</pre>
    ),
    blockquote: ({ children }) => (
      <blockquote className="my-4 rounded-lg border-l-4 border-amber-400 bg-amber-50 px-4 py-1 text-amber-950">
        {children}
      </blockquote>
    ),
    table: ({ children }) => (
      <div className="my-4 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">{children}</table>
      </div>
    ),
    th: ({ children }) => (
      <th scope="col" className="bg-slate-50 px-3 py-2 text-left font-semibold text-slate-900">
        {children}
      </th>
    ),
    td: ({ children }) => <td className="border-t border-slate-100 px-3 py-2 text-slate-700">{children}</td>,
  };
  return (
    <Markdown
      remarkPlugins={[remarkGfm]}
      skipHtml
      urlTransform={(url) => (linkKind(url) === 'none' ? '' : defaultUrlTransform(url))}
      components={components}
    >
      {markdown}
    </Markdown>
  );
}

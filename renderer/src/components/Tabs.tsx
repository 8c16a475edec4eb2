import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from '../lib/cx';

export interface TabItem<K extends string> {
  id: K;
  label: ReactNode;
  /** Small count or mark after the label. */
  badge?: ReactNode;
}

interface TabsProps<K extends string> {
  label: string;
  tabs: TabItem<K>[];
  value: K;
  onChange(value: K): void;
  /** Every panel stays mounted (hidden when not chosen), so a chat or a form keeps its state. */
  panels: Record<K, ReactNode>;
  className?: string;
  panelClassName?: string;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; the chosen tab is the only tab stop. */
export function Tabs<K extends string>({
  label,
  tabs,
  value,
  onChange,
  panels,
  className,
  panelClassName,
}: TabsProps<K>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === value);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    onChange(tabs[next]!.id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role=tab]')[next]?.focus();
  };
  return (
    <div className={cx('flex min-h-0 flex-col', className)}>
      <div
        ref={list}
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
        className="flex shrink-0 gap-0.5 overflow-x-auto border-b border-slate-200 px-1.5"
      >
        {tabs.map((tab) => {
          const selected = tab.id === value;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`${base}-panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onChange(tab.id)}
              className={cx(
                'flex items-center gap-1.5 border-b-2 px-1.5 py-2.5 text-[13px] font-medium whitespace-nowrap focus-visible:outline-offset-[-2px]',
                selected
                  ? 'border-indigo-600 text-indigo-700'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {tab.label}
              {tab.badge}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== value}
          className={cx('min-h-0 flex-1', panelClassName)}
        >
          {panels[tab.id]}
        </div>
      ))}
    </div>
  );
}

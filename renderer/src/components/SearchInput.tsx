import { Search } from 'lucide-react';
import { cx } from '../lib/cx';

/** A search box with a magnifier; label it with a <label htmlFor={id}> (visible or sr-only). */
export function SearchInput({
  id,
  value,
  placeholder,
  onChange,
  maxLength,
  large = false,
  className,
}: {
  id: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
  maxLength?: number;
  /** The taller box of a page whose main task is searching. */
  large?: boolean;
  className?: string;
}) {
  return (
    <div className={cx('relative', className)}>
      <Search
        aria-hidden="true"
        className={cx(
          'pointer-events-none absolute top-1/2 -translate-y-1/2 text-slate-400',
          large ? 'left-3.5 size-4.5' : 'left-3 size-4',
        )}
      />
      <input
        id={id}
        type="search"
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        className={cx(
          'block w-full border border-slate-300 bg-white pr-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600',
          large ? 'h-12 rounded-lg pl-10' : 'h-11 rounded-md pl-9 md:h-10',
        )}
      />
    </div>
  );
}

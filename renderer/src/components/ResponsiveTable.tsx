import type { MouseEvent, ReactNode } from 'react';
import { cx } from '../lib/cx';
import { usePhone } from '../lib/use-media-query';
import { Table, Td, Th } from './Table';

/** Where a column's value goes in a row's card on a phone. */
export type PhonePlace = 'title' | 'badges' | 'detail' | 'actions' | 'none';

export interface Column<T> {
  key: string;
  /** The column heading; on a phone, the label of a detail. */
  header: ReactNode;
  cell(row: T): ReactNode;
  /** Classes of the column's th and td (alignment, width, hiding it at some widths: 'hidden xl:table-cell'). */
  className?: string;
  /** Classes of the td only. */
  cellClassName?: string;
  /**
   * On a phone: 'title' (the card's first line), 'badges' (beside the title: statuses), 'detail' (a
   * labelled line, the default), 'actions' (buttons along the bottom), 'none' (left out: the same
   * fact is already in another place of the card).
   */
  phone?: PhonePlace;
}

interface ResponsiveTableProps<T> {
  /** Names the table, or the list on a phone. */
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  /** A click on a row (outside its links and buttons) opens it. */
  onOpen?(row: T): void;
  rowClassName?(row: T): string | undefined;
  /** An id for a row, which can then take focus (a link to it brings it into view). */
  rowId?(row: T): string;
}

/** Ignores clicks on a row's own links, buttons and fields. */
const ownControl = (event: MouseEvent) =>
  Boolean((event.target as HTMLElement).closest('a, button, input, select, textarea, summary, label'));

/**
 * A table from 768 px up; below, on a phone, a list of cards: each row's title and badges first, its
 * other facts as labelled lines, its buttons along the bottom (44 px tall), nothing wider than the
 * screen.
 */
export function ResponsiveTable<T>(props: ResponsiveTableProps<T>) {
  return usePhone() ? <CardList {...props} /> : <WideTable {...props} />;
}

function WideTable<T>({
  label,
  rows,
  columns,
  rowKey,
  onOpen,
  rowClassName,
  rowId,
}: ResponsiveTableProps<T>) {
  return (
    <Table label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <Th key={column.key} className={column.className}>
              {column.header}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            id={rowId?.(row)}
            tabIndex={rowId ? -1 : undefined}
            className={cx(
              onOpen && 'cursor-pointer hover:bg-slate-50/60',
              rowId && 'outline-none',
              rowClassName?.(row),
            )}
            onClick={onOpen ? (event) => !ownControl(event) && onOpen(row) : undefined}
          >
            {columns.map((column) => (
              <Td key={column.key} className={cx(column.className, column.cellClassName)}>
                {column.cell(row)}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CardList<T>({ label, rows, columns, rowKey, onOpen, rowClassName, rowId }: ResponsiveTableProps<T>) {
  const place = (where: PhonePlace) => columns.filter((column) => (column.phone ?? 'detail') === where);
  const titles = place('title');
  const badges = place('badges');
  const details = place('detail');
  const actions = place('actions');
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 border-t border-slate-100">
      {rows.map((row) => (
        <li
          key={rowKey(row)}
          id={rowId?.(row)}
          tabIndex={rowId ? -1 : undefined}
          className={cx(
            'px-4 py-3',
            onOpen && 'cursor-pointer',
            rowId && 'outline-none',
            rowClassName?.(row),
          )}
          onClick={onOpen ? (event) => !ownControl(event) && onOpen(row) : undefined}
        >
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0 flex-1 text-sm">
              {titles.map((column) => (
                <div key={column.key}>{column.cell(row)}</div>
              ))}
            </div>
            {badges.length > 0 && (
              <div className="flex shrink-0 flex-wrap justify-end gap-1.5">
                {badges.map((column) => (
                  <span key={column.key}>{column.cell(row)}</span>
                ))}
              </div>
            )}
          </div>
          {details.length > 0 && (
            <dl className="mt-2 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
              {details.map((column) => (
                <div key={column.key} className="contents">
                  <dt className="text-slate-500">{column.header}</dt>
                  <dd className="min-w-0 text-slate-800">{column.cell(row)}</dd>
                </div>
              ))}
            </dl>
          )}
          {actions.length > 0 && (
            <div className="mt-3 flex flex-wrap gap-2">
              {actions.map((column) => (
                <div key={column.key} className="contents">
                  {column.cell(row)}
                </div>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

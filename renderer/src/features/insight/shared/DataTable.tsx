import type { ReactNode } from 'react';
import { Table, Td, Th } from '../../../components/Table';
import { cx } from '../../../lib/cx';
import type { CsvValue } from './csv';

/** A column of a figures table: the field, its header, how a value is written, numbers to the right. */
export interface DataColumn<Row> {
  key: keyof Row & string;
  label: string;
  /** How the value reads on screen (the CSV keeps the plain value). */
  render?(row: Row): ReactNode;
  numeric?: boolean;
}

/** A plain table of figures (the numbers behind a chart, or a breakdown). */
export function DataTable<Row extends object>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey?(row: Row, index: number): string;
}) {
  return (
    <Table label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <Th key={column.key} className={column.numeric ? 'text-right' : undefined}>
              {/* long headers (Dutch, Norwegian) may wrap rather than widen the table */}
              <span className="whitespace-normal">{column.label}</span>
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey ? rowKey(row, index) : index}>
            {columns.map((column) => (
              <Td
                key={column.key}
                className={cx(column.numeric && 'text-right tabular-nums', 'text-slate-700')}
              >
                {column.render ? column.render(row) : String((row[column.key] as CsvValue) ?? '')}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

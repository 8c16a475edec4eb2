import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { csvFileName, downloadCsv, toCsv, type CsvColumn } from './csv';

/**
 * Downloads a table as CSV: headers in the user's language, numbers as plain numbers, RFC 4180
 * quoting and a UTF-8 BOM for Excel. `label` names the table for screen readers ("CSV of …").
 */
export function CsvButton<Row extends object>({
  fileName,
  columns,
  rows,
  label,
}: {
  fileName: string;
  columns: readonly CsvColumn<Row>[];
  rows: readonly Row[];
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={rows.length === 0}
      icon={<Download aria-hidden="true" className="size-4" />}
      aria-label={label ? t('insight.shared.csvOf', { name: label }) : undefined}
      onClick={() => downloadCsv(csvFileName(fileName, Date.now()), toCsv(columns, rows))}
    >
      {t('insight.shared.csv')}
    </Button>
  );
}

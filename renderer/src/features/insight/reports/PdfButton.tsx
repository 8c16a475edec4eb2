import { FileDown } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { SelectField } from '../../../components/Field';
import { useErrorMessage } from '../../../i18n/error-message';
import { toCallError, transport, type CallError } from '../../../transport';

/** The dashboards the core prints (its contract's list; `overview` is the usage view). */
export const pdfDashboards = [
  'usage',
  'overview',
  'conversations',
  'funnels',
  'retention',
  'marketing',
  'quality',
  'economics',
] as const;
export type PdfDashboard = (typeof pdfDashboards)[number];
export const pdfPapers = ['a4', 'letter'] as const;
export type PdfPaper = (typeof pdfPapers)[number];

/** What a dashboard's PDF prints beside its panels: the filter values the view shows. */
export interface PdfFilters {
  from: number;
  to: number;
  compare?: boolean;
  [name: string]: string | number | boolean | undefined;
}

const isDashboard = (value: string): value is PdfDashboard =>
  (pdfDashboards as readonly string[]).includes(value);

/** The view's own filters as the core prints them (no range, nothing unset, plain values). */
export function pdfFilterValues(filters: PdfFilters): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'from' || key === 'to' || key === 'compare' || value === undefined) continue;
    if (!/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(key)) continue;
    out[key] = typeof value === 'string' ? value.slice(0, 200) : value;
  }
  return out;
}

/** Saves bytes as a file: a Blob, an object URL and a link with `download` (both hosts). */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fromBase64 = (base64: string): Uint8Array => {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/**
 * The dashboard as a PDF: asks for the paper size (A4 unless Letter is chosen), makes the PDF in
 * the core (every panel, the filter values printed, the user's language) and downloads it.
 */
export function PdfButton({ dashboard, filters }: { dashboard: string; filters: PdfFilters }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [paper, setPaper] = useState<PdfPaper>('a4');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState<{ file: string; pages: number } | null>(null);
  if (!isDashboard(dashboard)) return null;

  const make = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const pdf = await transport.call('insight.reportPdf', {
        dashboard,
        from: filters.from,
        to: filters.to,
        compare: Boolean(filters.compare),
        filters: pdfFilterValues(filters),
        paper,
      });
      downloadBytes(fromBase64(pdf.contentBase64), pdf.fileName, 'application/pdf');
      setDone({ file: pdf.fileName, pages: pdf.pages });
    } catch (caught) {
      setError(toCallError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        icon={<FileDown className="size-4" aria-hidden="true" />}
        onClick={() => {
          setDone(null);
          setError(null);
          setOpen(true);
        }}
        aria-label={t('insight.pdfButton.title')}
        data-testid="insight-pdf-button"
      >
        {t('insight.pdfButton.label')}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('insight.pdfButton.title')}
        description={t('insight.pdfButton.description')}
        size="sm"
        locked={busy}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void make();
          }}
          className="space-y-4"
        >
          <SelectField
            label={t('insight.pdfButton.paper')}
            value={paper}
            onChange={(event) => setPaper(event.target.value as PdfPaper)}
            options={pdfPapers.map((value) => ({ value, label: t(`insight.reports.papers.${value}`) }))}
          />
          <div aria-live="polite" className="space-y-2">
            {busy && <p className="text-sm text-slate-600">{t('insight.pdfButton.working')}</p>}
            {done && (
              <Alert tone="success">
                {t('insight.pdfButton.done', { file: done.file, count: done.pages })}
              </Alert>
            )}
          </div>
          {error && (
            <Alert tone="error" title={t('insight.pdfButton.failed')} reason={error.reason ?? null}>
              {errorMessage(error)}
            </Alert>
          )}
          <DialogActions>
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={busy}>
              {t('insight.pdfButton.cancel')}
            </Button>
            <Button type="submit" variant="primary" busy={busy}>
              {t('insight.pdfButton.download')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

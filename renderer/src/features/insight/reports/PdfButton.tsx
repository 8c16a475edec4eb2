/** What a dashboard's PDF prints beside its panels: the filter values the view shows. */
export interface PdfFilters {
  from: number;
  to: number;
  compare?: boolean;
  [name: string]: string | number | boolean | undefined;
}

// Placeholder until the PDF export is built (issue 17, reports part); replaced by its own file.
export function PdfButton(_props: { dashboard: string; filters: PdfFilters }) {
  return null;
}

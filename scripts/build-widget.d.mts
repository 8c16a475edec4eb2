// Types of build-widget.mjs for the TypeScript that imports it (scripts/bench-channels.ts).

/** What widget.js may weigh, brotli-compressed, in bytes (issue 13: ≤ 30 KB). */
export declare const widgetBudget: number;

export interface WidgetSize {
  raw: number;
  brotli: number;
  gzip: number;
}

/** Sizes of a built widget.js in bytes: raw, brotli and gzip; throws when it is not built. */
export declare function widgetSize(dist: string): WidgetSize;

export declare function buildWidget(root: string, dist: string): Promise<WidgetSize>;

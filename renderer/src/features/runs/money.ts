/** Costs are counted in millionths of a US dollar; shown as dollars, small amounts with enough digits. */
export function formatMicros(micros: number, locale: string): string {
  const dollars = micros / 1_000_000;
  const options: Intl.NumberFormatOptions =
    dollars !== 0 && Math.abs(dollars) < 0.01
      ? { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 }
      : { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 };
  return new Intl.NumberFormat(locale, options).format(dollars);
}

/** "850 ms", "3.2 s", "2 min 05 s", "1 h 04 min", in the given locale's digits. */
export function formatDuration(ms: number, locale: string): string {
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
      value,
    );
  if (ms < 1000) return `${number(Math.max(0, Math.round(ms)))} ms`;
  if (ms < 60_000) return `${number(ms / 1000, ms < 10_000 ? 1 : 0)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
}

/** Dollars typed by a person into micro-dollars; null when it is not a number. */
export function dollarsToMicros(text: string): number | null {
  const clean = text.trim().replace(/^\$/, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  return Math.round(Number(clean) * 1_000_000);
}

export function microsToDollars(micros: number): string {
  return String(Math.round(micros) / 1_000_000);
}

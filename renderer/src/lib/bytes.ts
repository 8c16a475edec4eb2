const kibi = 1024;
const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size in the user's language: "812 bytes", "4.2 MB", "1.5 GB" (powers of 1024, as file managers show). */
export function formatBytes(value: number, locale: string): string {
  let amount = Math.max(0, value);
  let unit = 0;
  while (amount >= kibi && unit < units.length - 1) {
    amount /= kibi;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || amount >= 100 ? 0 : 1,
  }).format(amount);
}

// String.fromCharCode takes its arguments on the stack: convert in slices well below its limit.
const slice = 0x8000;

/** Bytes as base64, for chunks that travel through the contract as JSON strings. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

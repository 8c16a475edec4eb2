import type { i18n as I18n } from 'i18next';
import { formatBytes } from '../lib/bytes';

const mebi = 1024 * 1024;

/**
 * Formatters the catalogue's sentences name, beside i18next's own (`number`, `datetime` ...).
 * `{{mib, mebibytes}}`: a size the core sends in MiB, said as a file manager says it ("42 kB",
 * "1.5 GB", never "0 MB" for a small database), in the locale of the call (the user's regional
 * format: messageText passes it as `locale`) or else the language.
 */
export function addFormatters(instance: I18n): void {
  instance.services.formatter?.add('mebibytes', (value: unknown, lng: string | undefined) =>
    typeof value === 'number' ? formatBytes(value * mebi, lng ?? 'en') : String(value),
  );
}

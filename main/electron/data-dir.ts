import { join, resolve } from 'node:path';

export const productName = 'Mindframe Control Center';

/**
 * A data folder chosen on the command line (`--data-dir DIR`, the same flag as `mindframe serve`)
 * or in MINDFRAME_DATA_DIR; null means the per-user application data folder.
 */
export function dataDirOverride(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=') && arg.length > '--data-dir='.length)
      return resolve(arg.slice('--data-dir='.length));
    const next = argv[i + 1];
    if (arg === '--data-dir' && next && !next.startsWith('-')) return resolve(next);
  }
  const fromEnv = env.MINDFRAME_DATA_DIR?.trim();
  return fromEnv ? resolve(fromEnv) : null;
}

/**
 * Named after the product, not the package, so development runs and installed builds (where
 * electron-builder sets productName) share one folder and an update never "loses" data.
 */
export function defaultDesktopDataDir(appDataPath: string): string {
  return join(appDataPath, productName);
}

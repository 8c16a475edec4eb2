import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where scripts/electron-native.mjs leaves better-sqlite3 built for Electron's ABI (development). */
export function developmentNativeBinding(appRoot: string): string {
  return join(appRoot, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** Where electron-builder puts the same file in an installed app (extraResources). */
export function packagedNativeBinding(resourcesPath: string): string {
  return join(resourcesPath, 'native', 'better_sqlite3.node');
}

/**
 * The better-sqlite3 binary to load inside Electron, or undefined to let better-sqlite3 find its
 * own (which is built for plain Node and will fail with a NODE_MODULE_VERSION error we explain).
 */
export function electronNativeBinding(options: {
  appRoot: string;
  isPackaged: boolean;
  resourcesPath: string;
  exists?: (path: string) => boolean;
}): string | undefined {
  const exists = options.exists ?? existsSync;
  const candidate = options.isPackaged
    ? packagedNativeBinding(options.resourcesPath)
    : developmentNativeBinding(options.appRoot);
  return exists(candidate) ? candidate : undefined;
}

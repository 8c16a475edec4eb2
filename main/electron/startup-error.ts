import { SchemaTooNewError } from '../core';

export interface StartupProblem {
  title: string;
  message: string;
}

const wrongAbi =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|wrong ELF class|incompatible architecture/i;

/** What the error dialog says when the core cannot start; the user must be able to act on it. */
export function describeStartupError(
  error: unknown,
  context: { dataDir: string; isPackaged: boolean },
): StartupProblem {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof SchemaTooNewError) {
    return { title: 'Mindframe is older than its data', message };
  }
  if (wrongAbi.test(message)) {
    return {
      title: 'The database driver does not fit this Electron',
      message: context.isPackaged
        ? 'The installed copy of Mindframe is damaged (its database driver cannot be loaded). Please reinstall Mindframe.'
        : 'better-sqlite3 is built for Node.js, not for Electron. Run `node scripts/electron-native.mjs` (npm start does this for you) and start again.',
    };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return {
      title: 'Mindframe cannot write its data',
      message: `Mindframe has no permission to write to ${context.dataDir}. Check the folder's permissions, or start Mindframe with --data-dir pointing somewhere writable.`,
    };
  }
  if (code === 'SQLITE_BUSY' || /database is locked/i.test(message)) {
    return {
      title: 'The database is in use',
      message: `Another program is holding ${context.dataDir} locked (a running "mindframe serve"?). Stop it and start Mindframe again.`,
    };
  }
  return {
    title: 'Mindframe could not start',
    message: `${message}\n\nData folder: ${context.dataDir} (if it exists, its logs folder has the details).`,
  };
}

import { DataDirLockedError, isDiskFull } from '../core';

/** Sentences for Node's error codes; `{path}` is the file or folder the error names. */
const errnoSentences: Record<string, string> = {
  EISDIR: '{path} is a folder, not a file.',
  ENOTDIR: 'A part of {path} is a file where a folder is needed.',
  ENOENT: '{path} does not exist.',
  EACCES: '{path} cannot be opened: permission denied.',
  EPERM: '{path} cannot be changed: the operation is not permitted.',
  EROFS: '{path} is on a read-only disk: nothing can be written there.',
  EEXIST: '{path} already exists.',
  ENOTEMPTY: 'The folder {path} is not empty.',
  EBUSY: '{path} is in use by another program.',
  EMFILE: 'Too many files are open at once; close some programs and try again.',
  ENFILE: 'Too many files are open at once; close some programs and try again.',
  ENAMETOOLONG: 'The name {path} is too long.',
  ELOOP: '{path} is a link that points to itself.',
  EIO: 'The disk reported a read or write error at {path}; it may be failing.',
  EFBIG: '{path} has grown larger than this system allows for one file.',
  ENXIO: '{path} is not a file that can be opened.',
  ECONNREFUSED: 'The connection was refused.',
  EADDRINUSE: 'That port is already in use by another program; choose another with --port.',
  EADDRNOTAVAIL: 'That address is not on this machine; choose another with --host.',
};

/** SQLite's result codes (better-sqlite3's SqliteError.code), in words. */
const sqliteSentences: Array<[RegExp, string]> = [
  [
    /^SQLITE_(CORRUPT|NOTADB)/,
    'The database file is damaged or is not a Mindframe database. Restore a backup with "mindframe backup restore FILE".',
  ],
  [
    /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/,
    'The database cannot be opened for writing: check that the data folder is yours and its disk is writable.',
  ],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, 'The database is busy with another program; try again in a moment.'],
  [
    /^SQLITE_IOERR/,
    'The disk holding the data could not be read or written; it may be failing or disconnected.',
  ],
];

export interface ErrorWhere {
  /** The data folder, to tell a full disk from another I/O error. */
  dataDir?: string;
  /** The file the command was working on, when the error does not name one. */
  path?: string;
}

/**
 * One sentence for an error, for a person at a terminal: never a stack, a raw errno or an SQLite
 * code. A full disk is said as such ("disk full"), also when SQLite calls it an I/O error.
 */
export function sentenceFor(error: unknown, where: ErrorWhere = {}): string {
  if (error instanceof DataDirLockedError) return error.message;
  if (isDiskFull(error, where.dataDir)) {
    return `Disk full: there is no space left on the disk holding ${where.dataDir ?? 'the data'}. Free some space and try again.`;
  }
  const { code, path, message } = (error ?? {}) as { code?: unknown; path?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const sentence = errnoSentences[code];
    if (sentence)
      return sentence.replace('{path}', typeof path === 'string' ? path : (where.path ?? 'The file'));
    for (const [pattern, text] of sqliteSentences) if (pattern.test(code)) return text;
  }
  return plain(typeof message === 'string' ? message : String(error));
}

/** A message without an errno prefix ("EISDIR: ..."), the syscall tail or a stack, ending in a stop. */
function plain(message: string): string {
  let text = message.split('\n')[0]!.trim();
  text = text
    .replace(/^[A-Z][A-Z0-9_]+: /, '')
    .replace(/, (open|read|write|stat|lstat|scandir|mkdir|rename|unlink|copyfile)\b.*$/, '');
  if (text.length === 0) return 'Something went wrong; nothing was changed.';
  text = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

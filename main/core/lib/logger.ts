import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

/** Keys whose values must never reach a log line. */
export const redactedPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'sessionToken',
  '*.sessionToken',
  'csrfToken',
  '*.csrfToken',
  'inviteToken',
  '*.inviteToken',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

/** JSON lines in `<dataDir>/logs/mindframe.<date>.log`, a new file each day, two weeks kept. */
export function createFileLogger(dataDir: string, level = 'info'): Logger {
  const transport = pino.transport({
    target: 'pino-roll',
    options: {
      file: join(dataDir, 'logs', 'mindframe'),
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      mkdir: true,
      limit: { count: 14 },
    },
  });
  return pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { app: 'mindframe' } },
    transport,
  );
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

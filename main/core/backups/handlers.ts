import type { HandlerMap } from '../context';
import { AppError } from '../lib/errors';

type BackupMethods =
  | 'backups.list'
  | 'backups.create'
  | 'backups.verify'
  | 'backups.restore'
  | 'backups.settings'
  | 'backups.saveSettings'
  | 'backups.previewRetention'
  | 'backups.exportKey';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Backups are not built yet.');
};

export const backupsHandlers: Pick<HandlerMap, BackupMethods> = {
  'backups.list': notYet,
  'backups.create': notYet,
  'backups.verify': notYet,
  'backups.restore': notYet,
  'backups.settings': notYet,
  'backups.saveSettings': notYet,
  'backups.previewRetention': notYet,
  'backups.exportKey': notYet,
};

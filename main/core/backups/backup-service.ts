/** Backups of the whole installation: create, verify, list, retain, restore, schedule. */
export class BackupService {
  stop(): void {}
}

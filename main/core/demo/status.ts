import type Database from 'better-sqlite3';

/** The app_meta key (the demo domain's own) that marks a demo installation: its seed, period and build time. */
export const demoMetaKey = 'demo.installation';

export interface DemoInstallation {
  seed: number;
  days: number;
  builtAt: number;
  /** The verified backup made at the end of the build, written after it: `demo.reset` restores it. */
  backupFile?: string;
}

/** The demo this installation was built as (`mindframe demo`), or null for a real installation. */
export function demoInstallation(sqlite: Database.Database): DemoInstallation | null {
  const row = sqlite
    .prepare<{ key: string }, { value: string }>('SELECT value FROM app_meta WHERE key = @key')
    .get({ key: demoMetaKey });
  if (!row) return null;
  try {
    return JSON.parse(row.value) as DemoInstallation;
  } catch {
    return null;
  }
}

export function markDemoInstallation(sqlite: Database.Database, demo: DemoInstallation): void {
  sqlite
    .prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (@key, @value)')
    .run({ key: demoMetaKey, value: JSON.stringify(demo) });
}

import type Database from 'better-sqlite3';
import type { PublicListenerSetting } from '../../contract';
import { conflict } from '../lib/errors';

/** Stored installation-wide (not per tenant) beside the other installation facts. */
const storeKey = 'host.publicListener';

export const defaultPublicListener: PublicListenerSetting = {
  enabled: false,
  port: 8080,
  host: '127.0.0.1',
  publicUrl: null,
};

/** Why the host could not open the listener: the port is taken, or another failure. */
export type PublicListenerProblem = 'port_in_use' | 'failed';

/**
 * What a host does with the setting (the desktop app's public listener controller): opens, moves or
 * closes the listener, and answers why it could not, if it could not.
 */
export type PublicListenerApplier = (setting: PublicListenerSetting) => Promise<PublicListenerProblem | null>;

/**
 * The installation's public listener setting (issue 13). The desktop app opens the channels' public
 * door on a port of its own from it; served mode opens it with `serve --public-port` and applies no
 * setting, so saving is refused there (no host would act on it).
 */
export class PublicListenerStore {
  private readonly read;
  private readonly write;
  private applier: PublicListenerApplier | null = null;
  private lastProblem: PublicListenerProblem | null = null;

  constructor(sqlite: Database.Database) {
    this.read = sqlite.prepare<[string], { value: string }>('SELECT value FROM app_meta WHERE key = ?');
    this.write = sqlite.prepare<[string, string]>(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  setting(): PublicListenerSetting {
    const row = this.read.get(storeKey);
    if (!row) return { ...defaultPublicListener };
    try {
      const stored = JSON.parse(row.value) as Partial<PublicListenerSetting>;
      return {
        enabled: stored.enabled === true,
        port:
          Number.isInteger(stored.port) && stored.port! >= 1024 && stored.port! <= 65535
            ? stored.port!
            : defaultPublicListener.port,
        host: stored.host === '0.0.0.0' ? '0.0.0.0' : '127.0.0.1',
        publicUrl: typeof stored.publicUrl === 'string' ? stored.publicUrl : null,
      };
    } catch {
      return { ...defaultPublicListener };
    }
  }

  /** Whether a host applies this setting (the desktop app); served mode does not. */
  hostApplies(): boolean {
    return this.applier !== null;
  }

  problem(): PublicListenerProblem | null {
    return this.lastProblem;
  }

  /**
   * The host that applies the setting: called now with the stored setting, and again on every save.
   * Returns how to stop listening.
   */
  async applyWith(applier: PublicListenerApplier): Promise<() => void> {
    this.applier = applier;
    this.lastProblem = await applier(this.setting());
    return () => {
      if (this.applier === applier) this.applier = null;
    };
  }

  /** Stores the setting and waits for the host to act on it; refused when no host applies it. */
  async save(setting: PublicListenerSetting): Promise<void> {
    const applier = this.applier;
    if (!applier)
      throw conflict(
        'This server opens its public listener with `mindframe serve --public-port`, not from a setting.',
        'public_listener_set_by_serve',
      );
    this.write.run(storeKey, JSON.stringify(setting));
    this.lastProblem = await applier(setting);
  }
}

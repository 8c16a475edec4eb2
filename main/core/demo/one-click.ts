import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { DemoBuildStep } from '../../contract';
import type { AuditService } from '../audit/service';
import type { BackupService } from '../backups/backup-service';
import type { Logger } from '../lib/logger';
import { AppError, conflict } from '../lib/errors';
import { safeEqual } from '../lib/crypto';
import { isDiskFull } from '../lib/disk-full';
import { keptBackupPath } from './kept-backup';
import { demoInstallation, markDemoInstallation } from './status';

/**
 * "Explore a demo" in one click (issue 15): the first-run screen builds the demo into the running
 * installation while it has no owner yet.
 *
 * The demo is simulated on a clock of its own (months of history walked through in seconds), so it
 * cannot be built through the running core, whose clock is the real one. It is built, exactly as
 * `mindframe demo` builds it, into a scratch folder under the data folder; its last verified backup
 * (the one `demo.reset` restores) is then copied into this installation's backups folder and
 * restored through the backup service's own restore: verified and migrated in a scratch copy, a
 * safety backup of the (empty) installation first, the runtime paused, the data replaced in one
 * transaction, everything started again. Nothing is half-built if anything fails on the way.
 */

export interface DemoBuildDeps {
  sqlite: Database.Database;
  dataDir: string;
  backups: BackupService;
  audit: AuditService;
  logger: Logger;
  /** Drops what the running core cached of the data the restore replaced (billing settings, entitlements). */
  afterRestore(): void;
  /** True while the installation has no account yet (the first-run screen shows). */
  needsSetup(): boolean;
  /** Builds a demo into an empty folder (main/core's buildDemoInstallation, bound late). */
  build(options: {
    dataDir: string;
    seed: number;
    days: number;
    password: string;
    onProgress(step: string, fraction: number): void;
  }): Promise<{ email: string; tenantId: string; ms: number }>;
}

interface BuildState {
  claim: string;
  state: 'building' | 'ready' | 'failed';
  step: DemoBuildStep;
  percent: number;
  reason: string | null;
  /** Set when ready; the password is handed out once, with the sign-in. */
  owner: { email: string; userId: string; tenantId: string; password: string } | null;
  claimed: boolean;
}

/** A password people can read out to a prospect: four groups of letters and digits. */
export function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const buildSteps = new Set<string>(['organisations', 'conversations', 'operations', 'billing', 'backups']);

export class DemoBuilder {
  private current: BuildState | null = null;

  constructor(private readonly deps: DemoBuildDeps) {}

  /** Starts a build (first run only); answers the claim that follows it. */
  start(input: { seed?: number; days?: number }, ip: string | null): { claim: string } {
    if (!this.deps.needsSetup())
      throw conflict('This installation is already set up. Sign in instead.', 'already_set_up');
    if (this.current?.state === 'building')
      throw conflict('A demo is being built already; wait for it to finish.', 'demo_building');
    const claim = randomBytes(24).toString('base64url');
    const state: BuildState = {
      claim,
      state: 'building',
      step: 'starting',
      percent: 0,
      reason: null,
      owner: null,
      claimed: false,
    };
    this.current = state;
    void this.run(state, input.seed ?? 42, input.days ?? 180, ip);
    return { claim };
  }

  /** The build's progress for its claim; when ready, the first call gets the owner (to sign in). */
  status(claim: string): {
    state: BuildState['state'];
    step: DemoBuildStep;
    percent: number;
    reason: string | null;
    owner: BuildState['owner'];
  } {
    const state = this.current;
    if (!state || !safeEqual(state.claim, claim))
      throw new AppError('NOT_FOUND', 'No demo is being built for this claim.', {
        reason: 'demo_claim_unknown',
      });
    const handOut = state.state === 'ready' && !state.claimed;
    if (handOut) state.claimed = true;
    return {
      state: state.state,
      step: state.step,
      percent: state.percent,
      reason: state.reason,
      owner: handOut ? state.owner : null,
    };
  }

  private async run(state: BuildState, seed: number, days: number, ip: string | null): Promise<void> {
    const { dataDir, backups, logger } = this.deps;
    const scratch = join(dataDir, 'tmp', `demo-build-${randomBytes(6).toString('hex')}`);
    const password = demoPassword();
    const progress = (step: DemoBuildStep, percent: number) => {
      state.step = step;
      state.percent = Math.max(state.percent, Math.min(100, Math.round(percent)));
    };
    try {
      mkdirSync(join(dataDir, 'tmp'), { recursive: true });
      // the build yields to the event loop now and then, so the progress can be asked for
      const built = await this.deps.build({
        dataDir: scratch,
        seed,
        days,
        password,
        onProgress: (step, fraction) => {
          if (buildSteps.has(step)) progress(step as DemoBuildStep, 2 + fraction * 86);
        },
      });
      const marker = demoInstallationOf(scratch);
      const file = marker.backupFile;
      if (!file) throw new Error('demo: the build named no backup');
      // someone set the installation up meanwhile: it is theirs, nothing is replaced
      if (!this.deps.needsSetup())
        throw conflict('This installation was set up while the demo was built.', 'already_set_up');
      progress('restoring', 90);
      // the demo's backup goes where the backup service finds it, and the demo keeps its own copy
      const folder = backups.settings().folder;
      mkdirSync(folder, { recursive: true });
      const kept = keptBackupPath(scratch, file);
      copyAtomically(kept, join(folder, file));
      mkdirSync(join(dataDir, 'demo'), { recursive: true });
      copyAtomically(kept, keptBackupPath(dataDir, file));
      await backups.list();
      await backups.restore(file);
      this.deps.afterRestore();
      // the backup was made before the marker named it (as demo.reset does): name it again
      const restored = demoInstallation(this.deps.sqlite);
      if (restored) markDemoInstallation(this.deps.sqlite, { ...restored, backupFile: file });
      const owner = this.deps.sqlite
        .prepare<{ email: string }, { id: string; name: string }>(
          'SELECT id, name FROM users WHERE email = @email',
        )
        .get({ email: built.email });
      if (!owner || !demoInstallation(this.deps.sqlite))
        throw new Error('demo: the restored demo is not there');
      this.deps.audit.append([
        {
          tenantId: built.tenantId,
          actorId: owner.id,
          actorName: owner.name,
          action: 'demo.build',
          targetType: 'installation',
          targetId: file,
          details: { seed, days, ms: built.ms },
          ip,
        },
      ]);
      state.owner = { email: built.email, userId: owner.id, tenantId: built.tenantId, password };
      progress('done', 100);
      state.state = 'ready';
      logger.info({ seed, days, ms: built.ms }, 'demo built from the first-run screen');
    } catch (error) {
      state.state = 'failed';
      state.reason =
        error instanceof AppError && error.extra.reason
          ? error.extra.reason
          : isDiskFull(error)
            ? 'disk_full'
            : 'demo_build_failed';
      logger.error({ err: error }, 'the demo could not be built');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

function demoInstallationOf(dataDir: string): { backupFile?: string } {
  // the scratch installation is closed by now: its marker is read from its kept backup's name
  const folder = join(dataDir, 'demo');
  if (!existsSync(folder)) return {};
  const file = readdirSync(folder).find((name) => name.endsWith('.mfbackup'));
  return file ? { backupFile: file } : {};
}

function copyAtomically(from: string, to: string): void {
  copyFileSync(from, `${to}.part`);
  renameSync(`${to}.part`, to);
}

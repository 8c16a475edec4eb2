import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { roleAtLeast, type Role } from '../../../contract';
import type { Clock } from '../../lib/clock';
import type { SecretStore } from '../../secrets/secret-store';
import { sha256Hex } from '../../lib/crypto';
import { matchingStep } from './totp';

import { requireTwoFactorSetting } from './setting';

/** What the second-factor functions use: the database, the clock and the secret store (TOTP seeds). */
export interface TwoFactorDeps {
  sqlite: Database.Database;
  clock: Clock;
  secrets: SecretStore;
}

export { requireTwoFactorSetting };
export const recoveryCodeCount = 10;

export const secretKey = (userId: string) => `totp.${userId}`;
/** A secret handed out by `auth.totpBegin` that no code has confirmed yet. */
export const pendingSecretKey = (userId: string) => `totp.pending.${userId}`;

/** Whether the tenant asks its admins and owners to sign in with a second factor. */
export function requiresTwoFactor(sqlite: Database.Database, tenantId: string): boolean {
  const row = sqlite
    .prepare<[string, string], { value: string }>(
      'SELECT value FROM settings WHERE tenant_id = ? AND key = ?',
    )
    .get(tenantId, requireTwoFactorSetting);
  if (!row) return false;
  try {
    return JSON.parse(row.value) === true;
  } catch {
    return false;
  }
}

/** Whether the setting applies to someone of this role. */
export function twoFactorRequiredFor(sqlite: Database.Database, tenantId: string, role: Role): boolean {
  return roleAtLeast(role, 'admin') && requiresTwoFactor(sqlite, tenantId);
}

interface TwoFactorRow {
  enabled_at: number;
  last_used_step: number | null;
}

export function twoFactorOf(sqlite: Database.Database, userId: string): TwoFactorRow | null {
  return (
    sqlite
      .prepare<[string], TwoFactorRow>(
        'SELECT enabled_at, last_used_step FROM user_two_factor WHERE user_id = ?',
      )
      .get(userId) ?? null
  );
}

export function hasTwoFactor(sqlite: Database.Database, userId: string): boolean {
  return twoFactorOf(sqlite, userId) !== null;
}

export function recoveryCodesLeft(sqlite: Database.Database, userId: string): number {
  return sqlite
    .prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL',
    )
    .get(userId)!.n;
}

/** Recovery codes are matched without dashes, spaces or case. */
export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** Salted with the user id, so the same code of two users (it will not happen) hashes differently. */
const recoveryHash = (userId: string, code: string) => sha256Hex(`${userId}:${normaliseRecoveryCode(code)}`);

const recoveryAlphabet = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 signs, no 0/o or 1/l

/** A recovery code: 16 signs from 32 (80 random bits), shown in groups of four. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const byte of bytes) code += recoveryAlphabet[byte & 31];
  return code.replace(/(.{4})(?!$)/g, '$1-');
}

/** Replaces the user's recovery codes with new ones and answers them (the only time they are seen). */
export function replaceRecoveryCodes(services: TwoFactorDeps, userId: string): string[] {
  const now = services.clock.now();
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  const insert = services.sqlite.prepare(
    'INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)',
  );
  services.sqlite.transaction(() => {
    services.sqlite.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    for (const code of codes) insert.run(userId, recoveryHash(userId, code), now);
  })();
  return codes;
}

/** Uses up one of the user's recovery codes; false when it is not one of theirs or was used before. */
export function useRecoveryCode(services: TwoFactorDeps, userId: string, code: string): boolean {
  const result = services.sqlite
    .prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL')
    .run(services.clock.now(), userId, recoveryHash(userId, code));
  return result.changes === 1;
}

/**
 * Checks an authenticator code and remembers its time step, so the same code (or an earlier one)
 * is refused from then on. False for a wrong, stale or replayed code.
 */
export function useTotpCode(services: TwoFactorDeps, userId: string, code: string): boolean {
  const row = twoFactorOf(services.sqlite, userId);
  const secret = services.secrets.get(secretKey(userId));
  if (!row || !secret) return false;
  const step = matchingStep(secret, code, services.clock.now(), row.last_used_step);
  if (step === null) return false;
  // the condition makes two simultaneous sign-ins with one code accept only the first
  const claimed = services.sqlite
    .prepare(
      'UPDATE user_two_factor SET last_used_step = ? WHERE user_id = ? AND (last_used_step IS NULL OR last_used_step < ?)',
    )
    .run(step, userId, step);
  return claimed.changes === 1;
}

export type SecondFactorResult = 'ok' | 'ok-recovery' | 'missing' | 'wrong';

/** The second step of a sign-in (or of a change to two-factor sign-in itself). */
export function checkSecondFactor(
  services: TwoFactorDeps,
  userId: string,
  given: { code?: string | undefined; recoveryCode?: string | undefined },
): SecondFactorResult {
  if (given.code) return useTotpCode(services, userId, given.code) ? 'ok' : 'wrong';
  if (given.recoveryCode)
    return useRecoveryCode(services, userId, given.recoveryCode) ? 'ok-recovery' : 'wrong';
  return 'missing';
}

/** A 6-digit answer is an authenticator code; anything longer is taken as a recovery code. */
export function splitSecondFactor(code: string): { code?: string; recoveryCode?: string } {
  const trimmed = code.replace(/\s/g, '');
  return /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: code };
}

/** Confirms the pending secret: turns two-factor sign-in on, remembering the step of the confirming code. */
export function enable(services: TwoFactorDeps, userId: string, secret: string, step: number): string[] {
  const now = services.clock.now();
  services.secrets.set(secretKey(userId), secret);
  services.secrets.delete(pendingSecretKey(userId));
  services.sqlite
    .prepare(
      `INSERT INTO user_two_factor (user_id, enabled_at, last_used_step) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET enabled_at = excluded.enabled_at, last_used_step = excluded.last_used_step`,
    )
    .run(userId, now, step);
  return replaceRecoveryCodes(services, userId);
}

/** Turns two-factor sign-in off: the row, the recovery codes and the secrets go. */
export function disable(services: TwoFactorDeps, userId: string): boolean {
  const removed = services.sqlite.transaction(() => {
    services.sqlite.prepare('DELETE FROM recovery_codes WHERE user_id = ?').run(userId);
    return services.sqlite.prepare('DELETE FROM user_two_factor WHERE user_id = ?').run(userId).changes > 0;
  })();
  services.secrets.delete(secretKey(userId));
  services.secrets.delete(pendingSecretKey(userId));
  return removed;
}

import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../db';
import type { Language } from '../../contract';
import type { MailTemplateData } from '../lib/mail-templates/types';
import type { Clock } from '../lib/clock';
import { randomToken, sha256Hex } from '../lib/crypto';
import { AppError } from '../lib/errors';

/** A reset link works this long. */
export const resetLifetimeMs = 30 * 60 * 1000;
export const resetLifetimeMinutes = resetLifetimeMs / 60_000;

/** The account e-mails (part of the mail port, services.mailOut) the identity domains send. */
export type AccountMailTemplate = 'welcome' | 'invitation' | 'password_reset';

export interface AccountMailer {
  hasSmtp(tenantId: string): boolean;
  sendTemplate<T extends AccountMailTemplate>(
    tenantId: string,
    to: string,
    template: T,
    language: Language,
    data: MailTemplateData[T],
  ): Promise<{ sent: true } | { sent: false; reason: 'no_smtp' | 'failed' }>;
}

/** The app route a reset link opens (the mail and the app make it absolute with the app's address). */
export const resetRoute = (token: string): string => `#/reset/${encodeURIComponent(token)}`;

interface ResetRow {
  id: string;
  user_id: string;
  expires_at: number;
  used_at: number | null;
}

/**
 * Single-use password reset tokens: only their SHA-256 is kept. A new one replaces the person's
 * earlier unused ones, so only the newest link works.
 */
export class PasswordResets {
  private readonly insert;
  private readonly dropOpen;
  private readonly byHash;
  private readonly markUsed;

  constructor(
    sqlite: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insert = sqlite.prepare(
      `INSERT INTO password_resets (id, user_id, token_hash, issued_by, created_at, expires_at)
       VALUES (@id, @userId, @tokenHash, @issuedBy, @createdAt, @expiresAt)`,
    );
    this.dropOpen = sqlite.prepare('DELETE FROM password_resets WHERE user_id = @userId AND used_at IS NULL');
    this.byHash = sqlite.prepare<{ tokenHash: string }, ResetRow>(
      'SELECT id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = @tokenHash',
    );
    this.markUsed = sqlite.prepare(
      'UPDATE password_resets SET used_at = @now WHERE id = @id AND used_at IS NULL',
    );
  }

  /** A fresh token for the person (shown or mailed once); earlier unused ones stop working. */
  issue(userId: string, issuedBy: string | null): { token: string; expiresAt: number } {
    const now = this.clock.now();
    const token = randomToken(32);
    const expiresAt = now + resetLifetimeMs;
    this.dropOpen.run({ userId });
    this.insert.run({
      id: uuidv7(now),
      userId,
      tokenHash: sha256Hex(token),
      issuedBy,
      createdAt: now,
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** The person a token resets, or the refusal: invalid, used or expired (nothing more is said). */
  check(token: string): { id: string; userId: string } {
    const row = this.byHash.get({ tokenHash: sha256Hex(token) });
    if (!row)
      throw new AppError('NOT_FOUND', 'This reset link is not valid. Ask for a new one.', {
        field: 'token',
        reason: 'reset_link_invalid',
      });
    if (row.used_at !== null)
      throw new AppError('CONFLICT', 'This reset link was used already. Ask for a new one.', {
        field: 'token',
        reason: 'reset_link_used',
      });
    if (row.expires_at <= this.clock.now())
      throw new AppError('CONFLICT', 'This reset link has expired. Ask for a new one.', {
        field: 'token',
        reason: 'reset_link_expired',
      });
    return { id: row.id, userId: row.user_id };
  }

  /** Marks the token used; false when another call used it first. */
  use(id: string): boolean {
    return this.markUsed.run({ id, now: this.clock.now() }).changes > 0;
  }
}

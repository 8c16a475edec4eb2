import type Database from 'better-sqlite3';
import { isLanguage, type Language } from '../../contract';

/** What other domains ask about people: the language to write to them in. */
export interface PeopleDirectory {
  /**
   * The language an e-mail address reads in: the person's own choice in the app; for an address
   * that is nobody's account (a shared inbox on a notification rule), the language of the
   * organisation's owner; else English.
   */
  languageOf(tenantId: string, email: string): Language;
}

export function peopleDirectory(sqlite: Database.Database): PeopleDirectory {
  const ofAddress = sqlite.prepare<{ email: string }, { language: string | null }>(
    'SELECT language FROM users WHERE email = @email',
  );
  const ofOwner = sqlite.prepare<{ tenantId: string }, { language: string | null }>(
    `SELECT u.language FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.tenant_id = @tenantId AND m.role = 'owner' AND m.status = 'active' AND u.language IS NOT NULL
      ORDER BY m.created_at LIMIT 1`,
  );
  return {
    languageOf(tenantId, email) {
      const own = ofAddress.get({ email: email.trim().toLowerCase() })?.language;
      if (isLanguage(own)) return own;
      const owner = ofOwner.get({ tenantId })?.language;
      return isLanguage(owner) ? owner : 'en';
    },
  };
}

import type { BusinessDetail, Language } from '../../../contract';
import { detectLanguage } from '../../lib/language';

/**
 * How the agents domain reads the business's own details (the profile domain answers it): every run
 * has them as {{business.name}}, {{business.phone}}, {{business.openingHours}} ... Nothing here reads
 * the profile's table.
 */
export interface BusinessDetailsPort {
  /** The details as flow variables, said in `language`; a missing detail is a neutral phrase. */
  variables(tenantId: string, language: Language): Record<BusinessDetail, string>;
}

/** The language a run's business details are said in: the customer's message's, else English. */
export function runLanguage(message: string | undefined): Language {
  return (message ? detectLanguage(message) : null) ?? 'en';
}

import {
  weekdays,
  type BusinessDetail,
  type BusinessProfile,
  type Currency,
  type Language,
  type OpeningDay,
  type OpeningHours,
  type Weekday,
} from '../../contract';

/**
 * The business profile as an agent says it to a customer: {{business.openingHours}} as readable text
 * in the conversation's language, a missing detail as a neutral phrase ("our phone number"), never
 * "undefined" or an empty hole in a sentence. These are words of the agent's answers (what a
 * template's flow and sample knowledge say), not of the app's interface.
 */

interface Words {
  /** What a missing detail is called instead. */
  missing: Record<'name' | 'website' | 'phone' | 'email' | 'address' | 'openingHours', string>;
  closed: string;
  /** "Monday to Friday". */
  through: string;
  and: string;
  holidayClosed: string;
}

const words: Record<Language, Words> = {
  en: {
    missing: {
      name: 'our business',
      website: 'our website',
      phone: 'our phone number',
      email: 'our e-mail address',
      address: 'our address',
      openingHours: 'not listed yet; please ask us',
    },
    closed: 'closed',
    through: 'to',
    and: 'and',
    holidayClosed: 'Closed on',
  },
  nl: {
    missing: {
      name: 'ons bedrijf',
      website: 'onze website',
      phone: 'ons telefoonnummer',
      email: 'ons e-mailadres',
      address: 'ons adres',
      openingHours: 'nog niet vermeld; vraag het ons gerust',
    },
    closed: 'gesloten',
    through: 't/m',
    and: 'en',
    holidayClosed: 'Gesloten op',
  },
  nb: {
    missing: {
      name: 'bedriften vår',
      website: 'nettsiden vår',
      phone: 'telefonnummeret vårt',
      email: 'e-postadressen vår',
      address: 'adressen vår',
      openingHours: 'ikke oppgitt ennå; spør oss gjerne',
    },
    closed: 'stengt',
    through: 'til',
    and: 'og',
    holidayClosed: 'Stengt',
  },
};

const locales: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', nb: 'nb-NO' };

const capitalize = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** "Monday" in the language (2024-01-01 was a Monday). */
function dayName(day: Weekday, language: Language): string {
  const date = new Date(Date.UTC(2024, 0, 1 + weekdays.indexOf(day)));
  return capitalize(
    new Intl.DateTimeFormat(locales[language], { weekday: 'long', timeZone: 'UTC' }).format(date),
  );
}

function dayText(day: OpeningDay, w: Words): string {
  if (day.closed) return w.closed;
  return [...day.intervals]
    .sort((a, b) => a.open.localeCompare(b.open))
    .map((interval) => `${interval.open}–${interval.close}`)
    .join(` ${w.and} `);
}

/** "Monday to Friday: 08:30–18:00; Saturday: 09:00–17:00; Sunday: closed": days with the same hours together. */
export function openingHoursText(hours: OpeningHours, language: Language): string {
  const w = words[language];
  const lines: string[] = [];
  let start = 0;
  while (start < weekdays.length) {
    const text = dayText(hours[weekdays[start]!], w);
    let end = start;
    while (end + 1 < weekdays.length && dayText(hours[weekdays[end + 1]!], w) === text) end++;
    const later = (d: Weekday) =>
      language === 'en' ? dayName(d, language) : dayName(d, language).toLocaleLowerCase(locales[language]);
    const days =
      end === start
        ? dayName(weekdays[start]!, language)
        : end === start + 1
          ? `${dayName(weekdays[start]!, language)} ${w.and} ${later(weekdays[end]!)}`
          : `${dayName(weekdays[start]!, language)} ${w.through} ${later(weekdays[end]!)}`;
    lines.push(`${days}: ${text}`);
    start = end + 1;
  }
  // one sentence, so an answer about one day carries the whole week
  return lines.join('; ');
}

function holidaysText(profile: BusinessProfile, language: Language): string {
  if (profile.holidays.length === 0) return '';
  const format = new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' });
  const days = [...profile.holidays]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((holiday) => {
      const date = format.format(new Date(`${holiday.date}T00:00:00Z`));
      return holiday.label ? `${date} (${holiday.label})` : date;
    });
  return `${words[language].holidayClosed} ${days.join(', ')}`;
}

function languagesText(codes: readonly string[], language: Language): string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locales[language]], { type: 'language' });
  } catch {
    names = null;
  }
  return codes
    .map((code) => {
      try {
        return names?.of(code) ?? code;
      } catch {
        return code;
      }
    })
    .join(', ');
}

/** The address on one line: "Torget 1, 5014 Bergen, Norway" (what is given of it). */
export function addressText(address: BusinessProfile['address']): string {
  const town = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.street, town, address.country].filter(Boolean).join(', ');
}

/** Every {{business.<detail>}} of a run, in `language`; missing ones as neutral phrases. */
export function businessVariables(
  profile: BusinessProfile,
  currency: Currency,
  language: Language,
): Record<BusinessDetail, string> {
  const w = words[language];
  const address = addressText(profile.address);
  const holidays = holidaysText(profile, language);
  const hours = profile.openingHours
    ? openingHoursText(profile.openingHours, language)
    : w.missing.openingHours;
  return {
    name: profile.name || w.missing.name,
    description: profile.description,
    website: profile.website || w.missing.website,
    phone: profile.phone || w.missing.phone,
    email: profile.email || w.missing.email,
    address: address || w.missing.address,
    openingHours:
      holidays && profile.openingHours
        ? `${hours}; ${holidays.charAt(0).toLocaleLowerCase(locales[language])}${holidays.slice(1)}`
        : hours,
    holidays,
    bookingLink: profile.bookingLink || profile.website || w.missing.website,
    languages: languagesText(profile.languages, language),
    timeZone: profile.timeZone,
    currency,
  };
}

import type {
  BusinessDetail,
  BusinessProfile,
  Language,
  OpeningDay,
  OpeningHours,
} from '../../../../contract';
import { businessProfileSchema } from '../../../../contract';
import { businessVariables } from '../../../profile/business-text';

/**
 * Test support: the business the template tests play, with each template's own hours where its test
 * conversation asks about them (a hair salon closes earlier on Saturday than a bike shop). Its details
 * are nothing like any template's old example business, so a reply that still carried a hard-coded
 * detail would not pass.
 */
const open = (...intervals: [string, string][]): OpeningDay => ({
  closed: false,
  intervals: intervals.map(([from, to]) => ({ open: from, close: to })),
});
const closed: OpeningDay = { closed: true, intervals: [] };

const weekHours = (days: Partial<OpeningHours>, rest: OpeningDay = closed): OpeningHours => ({
  mon: days.mon ?? rest,
  tue: days.tue ?? rest,
  wed: days.wed ?? rest,
  thu: days.thu ?? rest,
  fri: days.fri ?? rest,
  sat: days.sat ?? rest,
  sun: days.sun ?? rest,
});

const shopHours = weekHours({ sat: open(['09:00', '17:00']), sun: closed }, open(['08:30', '18:00']));

const hoursOf: Record<string, OpeningHours> = {
  'bike-shop-repairs': shopHours,
  'hair-salon-booking': weekHours({
    tue: open(['09:00', '18:00']),
    wed: open(['09:00', '18:00']),
    thu: open(['09:00', '21:00']),
    fri: open(['09:00', '18:00']),
    sat: open(['08:30', '16:00']),
  }),
  'restaurant-reservations': weekHours({}, open(['12:00', '23:00'])),
  'social-media-replies': weekHours({ sun: open(['09:00', '17:00']) }, open(['08:00', '18:00'])),
};
hoursOf['restaurant-reservations']!.mon = closed;
hoursOf['restaurant-reservations']!.tue = closed;

export const sampleBusiness: BusinessProfile = businessProfileSchema.parse({
  name: 'Sykkelverksted Nord',
  description: 'A family business in Tromsø since 1987.',
  website: 'https://verksted-nord.test',
  phone: '+47 77 60 12 34',
  email: 'post@verksted-nord.test',
  address: { street: 'Storgata 12', postalCode: '9008', city: 'Tromsø', country: 'Norway' },
  openingHours: shopHours,
  bookingLink: 'https://verksted-nord.test/bestill',
  languages: ['nb', 'en'],
  timeZone: 'Europe/Oslo',
});

/** The profile a template's tests save: the sample business, with the template's own hours. */
export function sampleBusinessFor(templateId: string): BusinessProfile {
  return { ...sampleBusiness, openingHours: hoursOf[templateId] ?? shopHours };
}

/** {{business.*}} of the sample business for a template, in `language`. */
export function sampleVariables(templateId: string, language: Language): Record<BusinessDetail, string> {
  return businessVariables(sampleBusinessFor(templateId), 'EUR', language);
}

/** A test conversation's expected phrase with the sample business's details written in. */
export function expectedPhrase(phrase: string, templateId: string, language: Language): string {
  const values = sampleVariables(templateId, language);
  return phrase.replace(/\{\{\s*business\.([A-Za-z]+)\s*\}\}/g, (_whole, name: string) =>
    name in values ? values[name as BusinessDetail] : '',
  );
}

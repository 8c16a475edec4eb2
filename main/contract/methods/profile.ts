import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, emptyInput, spoofingCharacters, timestampSchema } from '../common';
import { businessDetails, currencies, weekdays, type Weekday } from '../vocabulary';

/**
 * The business's own details (issue 14): what its agents say about it ({{business.name}},
 * {{business.phone}}, {{business.openingHours}} ...). Every field may be left empty (''), but what is
 * given is checked here, at the boundary, with a reason the form can show beside the field.
 */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    .refine((value) => !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(value), {
      message: 'Must not contain control characters',
      params: { reason: 'unsafe_characters' },
    });

/** '' or an http(s) address with a host name. */
export const webAddressSchema = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => {
      if (value === '') return true;
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
      } catch {
        return false;
      }
    },
    { message: 'Must be an http:// or https:// address', params: { reason: 'invalid_url' } },
  );

/** '' or an e-mail address. */
export const optionalEmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine((value) => value === '' || z.email().safeParse(value).success, {
    message: 'Must be a valid e-mail address',
    params: { reason: 'invalid_email' },
  });

/** Digits, spaces and + ( ) - . / only, with 5 to 20 digits ("+47 55 00 11 22", "030 123 45 67"). */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[0-9 ()\-./]+$/.test(value)) return false;
  const digits = value.replace(/[^0-9]/g, '').length;
  return digits >= 5 && digits <= 20;
}

export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine((value) => value === '' || isPhoneNumber(value), {
    message: 'Use digits, spaces and + ( ) - only',
    params: { reason: 'invalid_phone' },
  });

const timePattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;

/** "HH:MM", 00:00–24:00 (24:00 closes at midnight). */
export const clockTimeSchema = z.string().refine((value) => timePattern.test(value), {
  message: 'Use HH:MM, e.g. 09:00',
  params: { reason: 'invalid_time' },
});

export const openingIntervalSchema = z
  .object({ open: clockTimeSchema, close: clockTimeSchema })
  .strict()
  .refine((interval) => interval.close > interval.open, {
    message: 'Closing time must be after opening time',
    path: ['close'],
    params: { reason: 'closing_before_opening' },
  });
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** One weekday: closed, or open in one or more intervals (in order, not overlapping). */
export const openingDaySchema = z
  .object({ closed: z.boolean(), intervals: z.array(openingIntervalSchema).max(4) })
  .strict()
  .superRefine((day, issues) => {
    if (!day.closed && day.intervals.length === 0)
      issues.addIssue({
        code: 'custom',
        path: ['intervals'],
        message: 'An open day needs its hours',
        params: { reason: 'hours_needed' },
      });
    if (day.closed) return;
    const sorted = [...day.intervals].sort((a, b) => a.open.localeCompare(b.open));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.open < sorted[i - 1]!.close) {
        issues.addIssue({
          code: 'custom',
          path: ['intervals', day.intervals.indexOf(sorted[i]!), 'open'],
          message: 'Intervals of one day must not overlap',
          params: { reason: 'hours_overlap' },
        });
        return;
      }
    }
  });
export type OpeningDay = z.infer<typeof openingDaySchema>;

export const openingHoursSchema = z
  .object(
    Object.fromEntries(weekdays.map((day) => [day, openingDaySchema])) as Record<
      Weekday,
      typeof openingDaySchema
    >,
  )
  .strict();
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const isCalendarDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export const holidaySchema = z
  .object({
    date: z.string().refine(isCalendarDate, {
      message: 'Use a date as YYYY-MM-DD',
      params: { reason: 'invalid_date' },
    }),
    label: displayName({ min: 0, max: 100 }).default(''),
  })
  .strict();
export type Holiday = z.infer<typeof holidaySchema>;

/** Whether `zone` is an IANA time zone this installation knows ("Europe/Oslo"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const businessAddressSchema = z
  .object({
    street: optionalText(200).default(''),
    postalCode: optionalText(20).default(''),
    city: optionalText(100).default(''),
    country: optionalText(100).default(''),
  })
  .strict();
export type BusinessAddress = z.infer<typeof businessAddressSchema>;

/** A language code: en, nl, nb or another ISO 639 code ("de", "pl", "pt-BR"). */
export const spokenLanguageSchema = z
  .string()
  .trim()
  .refine((value) => /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(value), {
    message: 'Use a language code such as en, nl, nb or de',
    params: { reason: 'invalid_language_code' },
  });

export const businessProfileSchema = z
  .object({
    name: z
      .string()
      .trim()
      .max(120)
      .default('')
      .refine((value) => !spoofingCharacters.test(value), {
        message: 'Must not contain control, direction-changing or invisible characters',
        params: { reason: 'unsafe_characters' },
      }),
    description: optionalText(1000).default(''),
    website: webAddressSchema.default(''),
    phone: phoneSchema.default(''),
    email: optionalEmailSchema.default(''),
    address: businessAddressSchema.default({ street: '', postalCode: '', city: '', country: '' }),
    /** Null until the business says when it is open. */
    openingHours: openingHoursSchema.nullable().default(null),
    holidays: z
      .array(holidaySchema)
      .max(100)
      .default([])
      .refine((list) => new Set(list.map((h) => h.date)).size === list.length, {
        message: 'Each date may appear only once',
        params: { reason: 'duplicate_entries' },
      }),
    bookingLink: webAddressSchema.default(''),
    languages: z
      .array(spokenLanguageSchema)
      .max(20)
      .default([])
      .refine((list) => new Set(list).size === list.length, {
        message: 'Each language may appear only once',
        params: { reason: 'duplicate_entries' },
      }),
    /** An IANA time zone ("Europe/Oslo"), or '' while not given. */
    timeZone: z
      .string()
      .trim()
      .max(64)
      .default('')
      .superRefine((zone, issues) => {
        if (zone !== '' && !isTimeZone(zone))
          issues.addIssue({
            code: 'custom',
            message: 'Unknown time zone',
            params: { reason: 'unknown_timezone', timezone: zone },
          });
      }),
  })
  .strict();
export type BusinessProfile = z.infer<typeof businessProfileSchema>;

export const profileAnswerSchema = z.object({
  profile: businessProfileSchema,
  /** The organisation's currency (tenants.money; changed with tenants.setMoney). */
  currency: z.enum(currencies),
  /** Which details are given: what {{business.<detail>}} says something real for. */
  filled: z.array(z.enum(businessDetails)),
  updatedAt: timestampSchema.nullable(),
});
export type ProfileAnswer = z.infer<typeof profileAnswerSchema>;

export const profileMethods = {
  'profile.get': defineMethod({
    access: 'viewer',
    mutation: false,
    summary:
      "The business's own details (name, contact, address, opening hours, booking link ...) that agents use as {{business.*}}.",
    input: emptyInput,
    output: profileAnswerSchema,
  }),
  'profile.save': defineMethod({
    access: 'admin',
    mutation: true,
    summary: "Save the business's own details; agents answer with them from their next message.",
    input: businessProfileSchema,
    output: profileAnswerSchema,
  }),
};

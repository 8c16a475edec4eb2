import { z } from 'zod';
import { defineMethod } from '../define';
import { displayName, emailSchema, emptyInput } from '../common';

/**
 * White label (issue 16): the product name, logo, colour, support address and e-mail sender the
 * customer organisations see in the app, the e-mails and the billing pages. Set by the platform
 * admin for the whole installation; "Mindframe" stays only in About.
 */

/** The product's own name, what the app says while no brand is set. */
export const defaultProductName = 'Mindframe Control Center';
/** Its short form, in sentences ("Mindframe cannot be reached"); a brand's name is both. */
export const defaultProductShortName = 'Mindframe';
/** Tailwind's indigo-600: the app's own primary colour. */
export const defaultPrimaryColor = '#4f46e5';
/** A logo's data URL holds at most this many bytes of image. */
export const brandLogoMaxBytes = 256 * 1024;
/** PNG, JPEG and WebP only: an SVG can carry script. */
export const brandLogoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type BrandLogoType = (typeof brandLogoTypes)[number];
/** Buttons carry white text on the primary colour: WCAG AA for normal text. */
export const brandMinContrast = 4.5;

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channel = (at: number) => {
    const value = parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The contrast ratio of white text on a #rrggbb colour (1 to 21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

const hexColor = /^#[0-9a-f]{6}$/;

export const brandColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((value, ctx) => {
    if (!hexColor.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Must be a colour as #rrggbb',
        params: { reason: 'invalid_format' },
      });
      return;
    }
    const ratio = contrastWithWhite(value);
    if (ratio < brandMinContrast)
      ctx.addIssue({
        code: 'custom',
        message: `White text on this colour has a contrast of ${ratio.toFixed(2)}:1; at least ${brandMinContrast}:1 is needed`,
        params: {
          reason: 'brand_low_contrast',
          ratio: Math.floor(ratio * 100) / 100,
          minimum: brandMinContrast,
        },
      });
  });

const logoPrefix = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/;
/** Base64 of brandLogoMaxBytes, with its padding. */
const logoMaxChars = 'data:image/jpeg;base64,'.length + Math.ceil(brandLogoMaxBytes / 3) * 4;

export const brandLogoSchema = z.string().superRefine((value, ctx) => {
  const match = value.length > logoMaxChars + 1 ? null : logoPrefix.exec(value);
  if (value.length > logoMaxChars + 1)
    ctx.addIssue({
      code: 'custom',
      message: 'The logo must be at most 256 KB',
      params: { reason: 'brand_logo_too_large', maximum: 256 },
    });
  else if (!match)
    ctx.addIssue({
      code: 'custom',
      message: 'The logo must be a PNG, JPEG or WebP image',
      params: { reason: 'brand_logo_type' },
    });
  else if (
    Math.floor((match[2]!.length * 3) / 4) - (match[2]!.match(/=+$/)?.[0].length ?? 0) >
    brandLogoMaxBytes
  )
    ctx.addIssue({
      code: 'custom',
      message: 'The logo must be at most 256 KB',
      params: { reason: 'brand_logo_too_large', maximum: 256 },
    });
});

/** An e-mail address, or nothing ('' and null both mean: not set). */
const optionalEmail = z
  .union([z.literal(''), emailSchema])
  .nullable()
  .transform((value) => value || null);

export const brandSchema = z.object({
  productName: z.string(),
  /** A data URL of a PNG, JPEG or WebP image; null: the app's own mark. */
  logo: z.string().nullable(),
  /** #rrggbb; white text on it meets WCAG AA. */
  primaryColor: z.string(),
  /** Where customers' people write for help (shown in the app and the e-mails); null: not shown. */
  supportEmail: z.string().nullable(),
  /** The sender's name of e-mails (From); null: each organisation's SMTP setting. */
  mailFromName: z.string().nullable(),
  /** The sender's address of e-mails (From); null: each organisation's SMTP setting. */
  mailFromAddress: z.string().nullable(),
  /** Nothing was set: the product's own name, mark and colour. */
  isDefault: z.boolean(),
});
export type Brand = z.infer<typeof brandSchema>;

export const brandInputSchema = z
  .object({
    productName: displayName({ min: 1, max: 40 }),
    logo: brandLogoSchema.nullable(),
    primaryColor: brandColorSchema,
    supportEmail: optionalEmail,
    mailFromName: displayName({ min: 0, max: 60 })
      .nullable()
      .transform((value) => value || null),
    mailFromAddress: optionalEmail,
  })
  .strict();
export type BrandInput = z.output<typeof brandInputSchema>;

export const brandMethods = {
  'brand.get': defineMethod({
    access: 'public',
    mutation: false,
    summary:
      "The installation's brand: product name, logo, primary colour, support address and e-mail sender (the sign-in page shows it too).",
    input: emptyInput,
    output: brandSchema,
  }),
  'brand.save': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: 'Set the product name, logo, colour, support address and e-mail sender the organisations see.',
    input: brandInputSchema,
    output: brandSchema,
  }),
  'brand.reset': defineMethod({
    access: 'platformAdmin',
    mutation: true,
    summary: "Go back to the product's own name, mark and colour, and each organisation's e-mail sender.",
    input: emptyInput,
    output: brandSchema,
  }),
};

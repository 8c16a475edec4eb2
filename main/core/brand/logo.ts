import type { BrandLogoType } from '../../contract';
import { brandLogoMaxBytes } from '../../contract';

/** A logo as the store keeps it: its type and bytes, checked. */
export interface BrandLogo {
  type: BrandLogoType;
  bytes: Buffer;
}

const dataUrl = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** What the first bytes of each allowed image type are (the file's own "magic"). */
function magicMatches(type: BrandLogoType, bytes: Buffer): boolean | undefined {
  switch (type) {
    case 'image/png':
      return (
        bytes.length >= 8 &&
        bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      );
    case 'image/jpeg':
      return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/webp':
      return (
        bytes.length >= 12 &&
        bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
        bytes.subarray(8, 12).toString('latin1') === 'WEBP'
      );
  }
}

export type LogoProblem = 'brand_logo_type' | 'brand_logo_too_large' | 'brand_logo_unreadable';

/**
 * A logo data URL checked the way the contract cannot: its bytes decode, fit the size, and begin as
 * the image type it names (a script renamed to .png, or an SVG called image/png, is refused).
 */
export function readLogo(value: string): BrandLogo | LogoProblem {
  const match = dataUrl.exec(value);
  if (!match) return 'brand_logo_type';
  const type = match[1] as BrandLogoType;
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > brandLogoMaxBytes) return 'brand_logo_too_large';
  if (bytes.length === 0 || !magicMatches(type, bytes)) return 'brand_logo_unreadable';
  return { type, bytes };
}

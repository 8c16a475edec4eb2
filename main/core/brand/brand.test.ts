import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  brandInputSchema,
  contrastWithWhite,
  defaultPrimaryColor,
  defaultProductName,
  type EventName,
} from '../../contract';
import { createHarness, expectOk, inviteAndAccept, setupOwner, type Harness } from '../testing/harness';
import { readLogo } from './logo';

/** A real 1×1 PNG. */
const tinyPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

const valid = {
  productName: 'Nordlys Assist',
  logo: null,
  primaryColor: '#0F766E',
  supportEmail: 'Help@Nordlys.test',
  mailFromName: 'Nordlys Assist',
  mailFromAddress: 'hello@nordlys.test',
};

describe('brand validation (contract)', () => {
  it('computes WCAG contrast of white text: black 21:1, white 1:1, the default indigo passes AA', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite(defaultPrimaryColor)).toBeGreaterThanOrEqual(4.5);
    // #767676 is the classic lightest grey that passes on white; #777777 does not
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite('#777777')).toBeLessThan(4.5);
  });

  it('refuses a light colour with the contrast as a reason, and a colour that is not #rrggbb', () => {
    const light = brandInputSchema.safeParse({ ...valid, primaryColor: '#fbbf24' });
    expect(light.success).toBe(false);
    const issue = light.error!.issues[0]!;
    expect(issue.path).toEqual(['primaryColor']);
    expect((issue as { params?: Record<string, unknown> }).params).toMatchObject({
      reason: 'brand_low_contrast',
      minimum: 4.5,
    });
    for (const color of ['teal', '#0f766', '0f766e', '#0f766e80', 'rgb(0,0,0)'])
      expect(brandInputSchema.safeParse({ ...valid, primaryColor: color }).success, color).toBe(false);
    expect(brandInputSchema.parse(valid).primaryColor).toBe('#0f766e');
  });

  it('takes a name of 1–40 safe characters and real e-mail addresses', () => {
    expect(brandInputSchema.safeParse({ ...valid, productName: '' }).success).toBe(false);
    expect(brandInputSchema.safeParse({ ...valid, productName: 'x'.repeat(41) }).success).toBe(false);
    expect(brandInputSchema.safeParse({ ...valid, productName: 'Evil\u202Egnp.exe' }).success).toBe(false);
    expect(brandInputSchema.safeParse({ ...valid, supportEmail: 'not an address' }).success).toBe(false);
    expect(brandInputSchema.safeParse({ ...valid, mailFromAddress: 'a@b' }).success).toBe(false);
    const parsed = brandInputSchema.parse({ ...valid, supportEmail: '', mailFromName: '' });
    expect(parsed.supportEmail).toBeNull();
    expect(parsed.mailFromName).toBeNull();
  });

  it('takes only PNG, JPEG and WebP data URLs of at most 256 KB (no SVG)', () => {
    expect(brandInputSchema.safeParse({ ...valid, logo: tinyPng }).success).toBe(true);
    const svg = dataUrl('image/svg+xml', Buffer.from('<svg onload="alert(1)"/>'));
    const reasonOf = (logo: string) => {
      const result = brandInputSchema.safeParse({ ...valid, logo });
      return (result.error?.issues[0] as { params?: { reason?: string } } | undefined)?.params?.reason;
    };
    expect(reasonOf(svg)).toBe('brand_logo_type');
    expect(reasonOf('https://evil.test/logo.png')).toBe('brand_logo_type');
    const big = Buffer.alloc(256 * 1024 + 1, 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(reasonOf(dataUrl('image/png', big))).toBe('brand_logo_too_large');
    const fits = big.subarray(0, 256 * 1024);
    expect(brandInputSchema.safeParse({ ...valid, logo: dataUrl('image/png', fits) }).success).toBe(true);
  });
});

describe('logo magic bytes (core)', () => {
  it('accepts each type only with its own first bytes', () => {
    expect(readLogo(tinyPng)).toMatchObject({ type: 'image/png' });
    expect(readLogo(dataUrl('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).toMatchObject({
      type: 'image/jpeg',
    });
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    expect(readLogo(dataUrl('image/webp', webp))).toMatchObject({ type: 'image/webp' });
    // an SVG or a script called a PNG, a JPEG called a WebP
    expect(readLogo(dataUrl('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe(
      'brand_logo_unreadable',
    );
    expect(readLogo(dataUrl('image/webp', Buffer.from([0xff, 0xd8, 0xff, 0xe0])))).toBe(
      'brand_logo_unreadable',
    );
    expect(readLogo(dataUrl('image/gif', Buffer.from('GIF89a')))).toBe('brand_logo_type');
  });
});

describe('brand.get / brand.save / brand.reset', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  it('answers the default brand to anyone, even before sign-in', async () => {
    const result = await h.core.dispatch('brand.get', {}, { transport: 'internal', ip: '127.0.0.1' });
    expect(result.ok && result.data).toEqual({
      productName: defaultProductName,
      logo: null,
      primaryColor: defaultPrimaryColor,
      supportEmail: null,
      mailFromName: null,
      mailFromAddress: null,
      isDefault: true,
    });
  });

  it('lets the platform admin set it: kept, audited, announced to open apps, read by the sign-in page', async () => {
    const admin = await setupOwner(h.core);
    const owner = await inviteAndAccept(h.core, admin, 'viewer@acme.test', 'viewer');
    const heard: { name: EventName; payload: unknown }[] = [];
    // an ordinary member's open app hears it too (the event's audience is every signed-in user)
    h.core.events.subscribe(owner.token, (name, payload) => heard.push({ name, payload }));
    const saved = await expectOk(h.core, 'brand.save', { ...valid, logo: tinyPng }, admin.call);
    expect(saved).toMatchObject({
      productName: 'Nordlys Assist',
      primaryColor: '#0f766e',
      supportEmail: 'help@nordlys.test',
      logo: tinyPng,
      isDefault: false,
    });
    expect(heard).toContainEqual({ name: 'brand.changed', payload: { productName: 'Nordlys Assist' } });
    const anonymous = await h.core.dispatch('brand.get', {}, { transport: 'internal', ip: '127.0.0.1' });
    expect(anonymous.ok && (anonymous.data as { productName: string }).productName).toBe('Nordlys Assist');
    const audit = await expectOk(h.core, 'audit.list', { limit: 10 }, admin.call);
    const entry = audit.entries.find((e) => e.action === 'brand.save');
    expect(entry).toBeDefined();
    // the audit keeps the logo's size, not its bytes
    expect(JSON.stringify(entry)).not.toContain('iVBOR');

    const reset = await expectOk(h.core, 'brand.reset', {}, admin.call);
    expect(reset).toMatchObject({ productName: defaultProductName, isDefault: true, logo: null });
  });

  it('refuses a low-contrast colour and a disguised logo with reasons, and changes nothing', async () => {
    const admin = await setupOwner(h.core);
    const light = await h.core.dispatch('brand.save', { ...valid, primaryColor: '#a5b4fc' }, admin.call);
    expect(!light.ok && light.error).toMatchObject({ code: 'VALIDATION', reason: 'brand_low_contrast' });
    const disguised = dataUrl('image/png', Buffer.from('<svg onload="alert(1)"/>'));
    const fake = await h.core.dispatch('brand.save', { ...valid, logo: disguised }, admin.call);
    expect(!fake.ok && fake.error).toMatchObject({
      code: 'VALIDATION',
      reason: 'brand_logo_unreadable',
      field: 'logo',
    });
    const now = await expectOk(h.core, 'brand.get', {}, admin.call);
    expect(now.isDefault).toBe(true);
  });

  it('is the platform admin’s alone: an organisation owner cannot change it', async () => {
    const admin = await setupOwner(h.core);
    const owner = await inviteAndAccept(h.core, admin, 'olga@acme.test', 'owner');
    const result = await h.core.dispatch('brand.save', valid, owner.call);
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
    expect((await expectOk(h.core, 'brand.get', {}, owner.call)).isDefault).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtp, type SmtpReceiver } from '../notify/testing/receivers';
import { createHarness, expectOk, setupOwner, type Harness, type SignedIn } from '../testing/harness';
import { servicesOf } from '../testing/services';

/**
 * A brand the platform admin saved reaches the e-mails: the sender (From), the product's name, the
 * button's colour, the logo as an inline image and the support address; a real smtp-server receives
 * them, through the account mails (MailOut) and the notifications (notify.test).
 */

let h: Harness;
let admin: SignedIn;
let smtp: SmtpReceiver;
const tinyPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

beforeEach(async () => {
  h = createHarness();
  admin = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@sykkel.test');
  smtp = await startSmtp({ user: 'mailer', password: 'smtp-secret-8f2a' });
  const s = servicesOf(h.core);
  s.outbound.allow(`127.0.0.1:${smtp.port}`, null);
  s.notify.saveSmtp(admin.me.tenant.id, {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    user: 'mailer',
    password: 'smtp-secret-8f2a',
    from: 'Sykkelverksted Nord <post@sykkel.test>',
  });
});

afterEach(async () => {
  await smtp.close();
  h.close();
});

const brand = {
  productName: 'Nordlys Assist',
  logo: tinyPng,
  primaryColor: '#9d174d',
  supportEmail: 'help@nordlys.test',
  mailFromName: 'Nordlys Assist',
  mailFromAddress: 'hello@nordlys.test',
};

const sendReset = () =>
  servicesOf(h.core).mailOut.sendTemplate(admin.me.tenant.id, 'ola@sykkel.test', 'password_reset', 'en', {
    name: 'Ola',
    link: 'https://control.example.com/#/reset/abc',
    expiresMinutes: 30,
    requestedByAdmin: false,
  });

describe('the brand in e-mails', () => {
  it('keeps the product’s own name, colour and the organisation’s sender while no brand is set', async () => {
    expect(await sendReset()).toEqual({ sent: true });
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe('post@sykkel.test');
    expect(mail.html).toContain('Mindframe Control Center');
    expect(mail.html.toLowerCase()).toContain('#4f46e5');
    expect(mail.raw).not.toContain('Content-ID');
  });

  it('sends from the brand’s sender, in its name, colour and logo, with its support address', async () => {
    await expectOk(h.core, 'brand.save', brand, admin.call);
    expect(await sendReset()).toEqual({ sent: true });
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe('hello@nordlys.test');
    expect(mail.headers.from).toBe('Nordlys Assist <hello@nordlys.test>');
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Nordlys Assist');
      expect(part).not.toContain('Mindframe');
      expect(part).toContain('help@nordlys.test');
    }
    expect(mail.html).toContain('Sent by Nordlys Assist for Sykkelverksted Nord.');
    expect(mail.html.toLowerCase()).toContain('#9d174d');
    expect(mail.html.toLowerCase()).not.toContain('#4f46e5');
    // the logo travels with the mail as an inline image the HTML shows
    expect(mail.html).toContain('src="cid:brand-logo"');
    expect(mail.raw).toMatch(/Content-ID: <brand-logo>/i);
    expect(mail.raw).toMatch(/Content-Type: image\/png/i);
  });

  it('puts the brand’s name before the organisation’s own address when it sets only a name', async () => {
    await expectOk(h.core, 'brand.save', { ...brand, logo: null, mailFromAddress: null }, admin.call);
    await sendReset();
    expect(smtp.mails[0]!.from).toBe('post@sykkel.test');
    expect(smtp.mails[0]!.headers.from).toBe('Nordlys Assist <post@sykkel.test>');
  });

  it('brands the notifications too (notify.test by e-mail)', async () => {
    await expectOk(h.core, 'brand.save', brand, admin.call);
    const result = await expectOk(
      h.core,
      'notify.test',
      { channel: 'email', to: 'ops@sykkel.test' },
      admin.call,
    );
    expect(result.ok).toBe(true);
    const mail = smtp.mails[0]!;
    expect(mail.headers.from).toBe('Nordlys Assist <hello@nordlys.test>');
    expect(mail.subject).toContain('Nordlys Assist');
    expect(mail.html).not.toContain('Mindframe');
  });
});

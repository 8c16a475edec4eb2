import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusinessProfile, OpeningHours, RunSummary } from '../../contract';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { twoTenants } from '../testing/tenants-fixture';
import { businessVariables, openingHoursText } from './business-text';
import { emptyProfile } from './profile-service';

let h: Harness;
let owner: SignedIn;
beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@nord.test');
});
afterEach(() => h?.close());

const day = (open: string, close: string) => ({ closed: false, intervals: [{ open, close }] });
const closed = { closed: true, intervals: [] };
const hours: OpeningHours = {
  mon: day('08:30', '18:00'),
  tue: day('08:30', '18:00'),
  wed: day('08:30', '18:00'),
  thu: day('08:30', '18:00'),
  fri: day('08:30', '18:00'),
  sat: day('09:00', '17:00'),
  sun: closed,
};

const nord = {
  name: 'Sykkelverksted Nord',
  description: 'Bike repairs in Tromsø since 1987.',
  website: 'https://verksted-nord.test',
  phone: '+47 77 60 12 34',
  email: 'post@verksted-nord.test',
  address: { street: 'Storgata 12', postalCode: '9008', city: 'Tromsø', country: 'Norway' },
  openingHours: hours,
  holidays: [{ date: '2026-12-24', label: 'Christmas Eve' }],
  bookingLink: 'https://verksted-nord.test/bestill',
  languages: ['nb', 'en', 'de'],
  timeZone: 'Europe/Oslo',
};

describe('profile.get / profile.save', () => {
  it('starts empty, keeps what an admin saves, and reads the currency from the organisation', async () => {
    const empty = await expectOk(h.core, 'profile.get', {}, owner.call);
    expect(empty).toMatchObject({ profile: emptyProfile, currency: 'USD', filled: [], updatedAt: null });

    await expectOk(h.core, 'tenants.setMoney', { currency: 'NOK', usdRate: 10.85 }, owner.call);
    const saved = await expectOk(h.core, 'profile.save', nord, owner.call);
    expect(saved.profile).toEqual(nord);
    expect(saved.currency).toBe('NOK');
    expect(saved.filled).toEqual([
      'name',
      'description',
      'website',
      'phone',
      'email',
      'address',
      'openingHours',
      'holidays',
      'bookingLink',
      'languages',
      'timeZone',
      'currency',
    ]);
    expect(saved.updatedAt).toBe(h.clock.now());
    expect(await expectOk(h.core, 'profile.get', {}, owner.call)).toEqual(saved);

    // a later save replaces the document: a detail left out is empty again
    const fewer = await expectOk(h.core, 'profile.save', { name: 'Nord', phone: '77 60 12 34' }, owner.call);
    expect(fewer.profile).toMatchObject({
      name: 'Nord',
      phone: '77 60 12 34',
      website: '',
      openingHours: null,
    });
    expect(fewer.filled).toEqual(['name', 'phone', 'currency']);
  });

  it('records who saved which details, in the audit trail', async () => {
    await expectOk(h.core, 'profile.save', { name: 'Nord' }, owner.call);
    await expectOk(h.core, 'profile.save', { name: 'Nord', phone: '77 60 12 34' }, owner.call);
    const { entries } = await expectOk(h.core, 'audit.list', {}, owner.call);
    const saves = entries.filter((entry) => entry.action === 'profile.save');
    expect(saves.map((entry) => entry.details)).toEqual([
      { name: 'Nord', changed: ['phone'] },
      { name: 'Nord', changed: ['name'] },
    ]);
  });

  const refusals: [string, Partial<BusinessProfile> | Record<string, unknown>, string, string][] = [
    ['a website without http(s)', { website: 'ftp://verksted-nord.test' }, 'website', 'invalid_url'],
    ['a booking link that is no address', { bookingLink: 'book with us' }, 'bookingLink', 'invalid_url'],
    ['a broken e-mail address', { email: 'post@' }, 'email', 'invalid_email'],
    ['letters in a phone number', { phone: '+47 CALL-NORD' }, 'phone', 'invalid_phone'],
    ['a phone number of three digits', { phone: '112' }, 'phone', 'invalid_phone'],
    [
      'a time that is not HH:MM',
      { openingHours: { ...hours, mon: day('9:00', '17:00') } },
      'openingHours.mon.intervals.0.open',
      'invalid_time',
    ],
    [
      'closing before opening',
      { openingHours: { ...hours, tue: day('18:00', '08:30') } },
      'openingHours.tue.intervals.0.close',
      'closing_before_opening',
    ],
    [
      'overlapping intervals',
      {
        openingHours: {
          ...hours,
          wed: {
            closed: false,
            intervals: [
              { open: '08:00', close: '12:00' },
              { open: '11:00', close: '17:00' },
            ],
          },
        },
      },
      'openingHours.wed.intervals.1.open',
      'hours_overlap',
    ],
    [
      'an open day without hours',
      { openingHours: { ...hours, thu: { closed: false, intervals: [] } } },
      'openingHours.thu.intervals',
      'hours_needed',
    ],
    [
      'a holiday on a day that does not exist',
      { holidays: [{ date: '2026-02-30' }] },
      'holidays.0.date',
      'invalid_date',
    ],
    [
      'the same holiday twice',
      { holidays: [{ date: '2026-12-24' }, { date: '2026-12-24', label: 'again' }] },
      'holidays',
      'duplicate_entries',
    ],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone', 'unknown_timezone'],
    ['a language that is no code', { languages: ['Norwegian'] }, 'languages.0', 'invalid_language_code'],
  ];

  it.each(refusals)(
    'refuses %s with the field and a reason, and keeps what was saved',
    async (_what, input, field, reason) => {
      await expectOk(h.core, 'profile.save', nord, owner.call);
      const answer = await h.core.dispatch('profile.save', { ...nord, ...input }, owner.call);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', field, reason } });
      expect((await expectOk(h.core, 'profile.get', {}, owner.call)).profile).toEqual(nord);
    },
  );

  it('lets everyone in the organisation read the profile and only admins and owners change it', async () => {
    const viewer = await inviteAndAccept(h.core, owner, 'vera@nord.test', 'viewer');
    const operator = await inviteAndAccept(h.core, owner, 'otto@nord.test', 'operator');
    const admin = await inviteAndAccept(h.core, owner, 'ada@nord.test', 'admin');
    await expectOk(h.core, 'profile.save', nord, admin.call);
    expect((await expectOk(h.core, 'profile.get', {}, viewer.call)).profile.name).toBe('Sykkelverksted Nord');
    for (const who of [viewer, operator]) {
      const answer = await h.core.dispatch('profile.save', { name: 'Hijacked' }, who.call);
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'role_required' } });
    }
    expect((await expectOk(h.core, 'profile.get', {}, owner.call)).profile.name).toBe('Sykkelverksted Nord');
  });

  it("keeps each organisation's profile to itself", async () => {
    h.close();
    h = createHarness();
    const t = await twoTenants(h.core);
    await expectOk(h.core, 'profile.save', { ...nord, name: 'Alpha Bikes' }, t.alice.call);
    await expectOk(h.core, 'profile.save', { name: 'Beta Bakery', phone: '+47 99 88 77 66' }, t.bob.call);
    const ofA = await expectOk(h.core, 'profile.get', {}, t.alice.call);
    const ofB = await expectOk(h.core, 'profile.get', {}, t.bea.call);
    expect(ofA.profile.name).toBe('Alpha Bikes');
    expect(JSON.stringify(ofA)).not.toContain('99 88 77 66');
    expect(ofB.profile).toMatchObject({ name: 'Beta Bakery', phone: '+47 99 88 77 66', website: '' });
  });
});

describe('the profile as an agent says it', () => {
  it('writes opening hours as one readable sentence per language, days with the same hours together', () => {
    expect(openingHoursText(hours, 'en')).toBe(
      'Monday to Friday: 08:30–18:00; Saturday: 09:00–17:00; Sunday: closed',
    );
    expect(openingHoursText(hours, 'nl')).toBe(
      'Maandag t/m vrijdag: 08:30–18:00; Zaterdag: 09:00–17:00; Zondag: gesloten',
    );
    expect(openingHoursText(hours, 'nb')).toBe(
      'Mandag til fredag: 08:30–18:00; Lørdag: 09:00–17:00; Søndag: stengt',
    );
    const split = {
      ...hours,
      sat: {
        closed: false,
        intervals: [
          { open: '13:00', close: '17:00' },
          { open: '09:00', close: '12:00' },
        ],
      },
      sun: day('12:00', '16:00'),
    };
    expect(openingHoursText(split, 'en')).toBe(
      'Monday to Friday: 08:30–18:00; Saturday: 09:00–12:00 and 13:00–17:00; Sunday: 12:00–16:00',
    );
  });

  it('says a missing detail as a neutral phrase, never undefined or a placeholder', () => {
    for (const language of ['en', 'nl', 'nb'] as const) {
      const values = businessVariables(emptyProfile, 'USD', language);
      for (const [detail, text] of Object.entries(values)) {
        expect(text, detail).not.toMatch(/undefined|null|\{\{/);
      }
      for (const detail of [
        'name',
        'phone',
        'email',
        'website',
        'address',
        'openingHours',
        'bookingLink',
      ] as const)
        expect(values[detail].length, `${language} ${detail}`).toBeGreaterThan(3);
    }
    expect(businessVariables(emptyProfile, 'USD', 'en')).toMatchObject({
      name: 'our business',
      phone: 'our phone number',
      bookingLink: 'our website',
    });
    // without a booking link, the website is where to book
    expect(
      businessVariables({ ...emptyProfile, website: 'https://nord.test' }, 'USD', 'nb').bookingLink,
    ).toBe('https://nord.test');
  });

  it('gives the address on one line, the holidays with the hours and the languages by name', () => {
    const values = businessVariables(nord as BusinessProfile, 'NOK', 'en');
    expect(values.address).toBe('Storgata 12, 9008 Tromsø, Norway');
    expect(values.openingHours).toContain('closed on 24 December 2026 (Christmas Eve)');
    expect(values.languages).toBe('Norwegian Bokmål, English, German');
    expect(values.currency).toBe('NOK');
  });
});

/**
 * Issue 14's promise: an agent made from the bike template after the profile is saved answers with
 * the business's own phone and booking link from its first message, never the template's example
 * shop's, through the same dispatch as the app and the website's chat.
 */
describe('an agent made from the bike template', () => {
  it("answers with the business's phone and booking link, never 030 123 45 67 or pedalco", async () => {
    await expectOk(h.core, 'profile.save', nord, owner.call);
    const agent = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);

    const ask = async (message: string) => {
      const run = (await expectOk(
        h.core,
        'agents.run',
        { agentId: agent.id, input: { message }, wait: true },
        owner.call,
      )) as RunSummary;
      expect(run.status, run.error ?? '').toBe('succeeded');
      return run.replies.join('\n');
    };
    for (const question of [
      'How do I book a repair? Can I call you?',
      'Ik wil een afspraak maken voor een reparatie',
      'Jeg vil bestille time til reparasjon',
    ]) {
      const reply = await ask(question);
      expect(reply, question).toContain('https://verksted-nord.test/bestill');
      expect(reply, question).toContain('+47 77 60 12 34');
      expect(reply.toLowerCase(), question).not.toContain('pedalco');
      expect(reply, question).not.toContain('030 123 45 67');
      expect(reply, question).not.toContain('{{');
    }
    expect(await ask('What time do you open on Saturday?')).toContain('09:00–17:00');

    // the same over the website's chat: a customer asks in the widget
    const channel = await expectOk(
      h.core,
      'channels.save',
      {
        agentId: agent.id,
        kind: 'web',
        name: 'Website chat',
        allowedOrigins: ['https://verksted-nord.test'],
      },
      owner.call,
    );
    const chat = await h.core.publicDoor.send(channel.publicId, {
      text: 'How can I book my bike in for a service?',
    });
    if (!chat.ok) throw new Error(JSON.stringify(chat.error));
    const said = chat.data.replies.map((reply) => reply.text).join('\n');
    expect(said).toContain('https://verksted-nord.test/bestill');
    expect(said).toContain('+47 77 60 12 34');
    expect(said.toLowerCase()).not.toContain('pedalco');

    // the sample knowledge is plain text with the details written in
    const { docs } = await expectOk(h.core, 'knowledge.list', {}, owner.call);
    const text = JSON.stringify(docs);
    expect(text).not.toContain('{{');
    expect(text).not.toContain('030 123 45 67');
  });

  it('declares the details it uses, and a flow that uses {{business.*}} has no unknown variable', async () => {
    const { template, flow } = await expectOk(
      h.core,
      'templates.get',
      { templateId: 'bike-shop-repairs' },
      owner.call,
    );
    expect(template.usesBusinessDetails).toEqual(['name', 'phone', 'openingHours', 'bookingLink']);
    const listed = await expectOk(h.core, 'templates.list', {}, owner.call);
    expect(listed.templates.find((t) => t.id === 'bike-shop-repairs')?.usesBusinessDetails).toEqual([
      'name',
      'phone',
      'openingHours',
      'bookingLink',
    ]);
    const reply = flow.nodes.find((node) => node.type === 'reply')!;
    const edited = {
      ...flow,
      nodes: flow.nodes.map((node) =>
        node.id === reply.id && node.type === 'reply'
          ? {
              ...node,
              data: { ...node.data, text: 'Call {{business.phone}} or book at {{ business.bookingLink }}' },
            }
          : node,
      ),
    };
    const { problems } = await expectOk(h.core, 'agents.validate', { flow: edited }, owner.call);
    expect(problems.filter((problem) => problem.code === 'unknown_variable')).toEqual([]);
    // a misspelt variable still is one
    const typo = {
      ...edited,
      nodes: edited.nodes.map((node) =>
        node.id === reply.id && node.type === 'reply'
          ? { ...node, data: { ...node.data, text: 'Call {{busines.phone}}' } }
          : node,
      ),
    };
    const checked = await expectOk(h.core, 'agents.validate', { flow: typo }, owner.call);
    expect(checked.problems.some((problem) => problem.code === 'unknown_variable')).toBe(true);
  });

  it('says a neutral phrase for what the profile does not have yet', async () => {
    const agent = await expectOk(
      h.core,
      'agents.create',
      { templateId: 'bike-shop-repairs', language: 'en' },
      owner.call,
    );
    await expectOk(h.core, 'agents.deploy', { agentId: agent.id }, owner.call);
    const run = (await expectOk(
      h.core,
      'agents.run',
      { agentId: agent.id, input: { message: 'How do I book a repair? Can I call you?' }, wait: true },
      owner.call,
    )) as RunSummary;
    const reply = run.replies.join('\n');
    expect(reply).toContain('our phone number');
    expect(reply).not.toMatch(/undefined|\{\{|pedalco|030 123 45 67/);
  });
});

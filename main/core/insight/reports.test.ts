import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtp, type SmtpReceiver } from '../notify/testing/receivers';
import {
  createHarness,
  expectOk,
  inviteAndAccept,
  ownerPassword,
  setupOwner,
  type Harness,
  type SignedIn,
} from '../testing/harness';
import { servicesOf } from '../testing/services';
import { nextSendAt, reportPeriod } from './reports';

/**
 * Insight reports: a dashboard's PDF (valid, its pages counted, its text in the requester's
 * language with the filter values printed) and the scheduled e-mail that carries it to a real
 * smtp-server, one per recipient in their own language; the schedule moves on; roles and isolation.
 */

let h: Harness;
let owner: SignedIn;
let tenantId: string;
const hour = 3_600_000;
const day = 24 * hour;

beforeEach(async () => {
  h = createHarness();
  owner = await setupOwner(h.core, 'Sykkelverksted Nord', 'owner@sykkel.test');
  tenantId = owner.me.tenant.id;
});
afterEach(() => h.close());

/** Three weeks of conversations over two channels and languages, with hand-offs, ratings and sentiment. */
function trackConversations(forTenant = tenantId, count = 60) {
  const tracker = servicesOf(h.core).insight.tracker;
  const start = h.clock.now() - 21 * day;
  for (let i = 0; i < count; i++) {
    const at = start + i * 8 * hour;
    const channel = i % 3 === 0 ? 'email' : 'web';
    const language = i % 2 === 0 ? 'nb' : 'nl';
    const base = { actor: `contact-${i}`, session: `c${i}`, source: channel };
    const props = { channel, language, agent: 'a1' };
    tracker.track(forTenant, { ...base, name: 'conversation.started', at, props, id: `s${i}` });
    tracker.track(forTenant, {
      ...base,
      name: 'conversation.message',
      at: at + 60_000,
      props: {
        ...props,
        sentiment: ['positive', 'neutral', 'negative'][i % 3]!,
        intent: i % 4 === 0 ? 'Åpningstider' : 'Bremser',
      },
      id: `m${i}`,
    });
    if (i % 5 === 0)
      tracker.track(forTenant, {
        ...base,
        name: 'conversation.handoff',
        at: at + 120_000,
        props,
        id: `h${i}`,
      });
    if (i % 4 === 0)
      tracker.track(forTenant, {
        ...base,
        name: 'conversation.rated',
        at: at + 180_000,
        props: { ...props, rating: i % 8 === 0 ? 'up' : 'down' },
        id: `r${i}`,
      });
  }
  tracker.flush();
}

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const texts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: texts.join('\n').replace(/\s+/g, ' ') };
}

const setLanguage = (who: SignedIn, language: 'en' | 'nl' | 'nb') =>
  expectOk(h.core, 'auth.setLanguage', { language }, who.call);

describe('insight.reportPdf', () => {
  it('prints the conversations dashboard as a valid PDF with its title and filter values in nb and nl', async () => {
    trackConversations();
    const to = h.clock.now();
    const from = to - 14 * day;
    await setLanguage(owner, 'nb');
    const nb = await expectOk(
      h.core,
      'insight.reportPdf',
      {
        dashboard: 'conversations',
        from,
        to,
        compare: true,
        filters: { channel: 'web', language: 'nb' },
        paper: 'a4',
      },
      owner.call,
    );
    const bytes = Buffer.from(nb.contentBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(nb.fileName).toBe('conversations-2026-11-08-2026-11-22.pdf');
    const read = await pdfText(bytes);
    expect(read.pages).toBe(nb.pages);
    expect(read.pages).toBeGreaterThanOrEqual(2);
    // the title, the organisation, the filters printed in Norwegian (æøå survive the standard fonts)
    expect(read.text).toContain('Samtaler');
    expect(read.text).toContain('Sykkelverksted Nord');
    expect(read.text).toContain('Filtre');
    expect(read.text).toContain('Periode');
    expect(read.text).toContain('8. nov. 2026');
    expect(read.text).toContain('Sammenlignet med');
    expect(read.text).toContain('forrige periode');
    expect(read.text).toContain('Kanal');
    expect(read.text).toContain('Nettsidechat');
    expect(read.text).toContain('Språk');
    expect(read.text).toContain('norsk bokmål');
    expect(read.text).toContain('Nøkkeltall');
    expect(read.text).toContain('Åpningstider');
    expect(read.text).toContain(`Side 1 av ${read.pages}`);
    // A4: 595 × 842 points
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);

    await setLanguage(owner, 'nl');
    const nl = await expectOk(
      h.core,
      'insight.reportPdf',
      { dashboard: 'conversations', from, to, filters: { language: 'nl' }, paper: 'letter' },
      owner.call,
    );
    const nlBytes = Buffer.from(nl.contentBase64, 'base64');
    const nlText = (await pdfText(nlBytes)).text;
    expect(nlText).toContain('Gesprekken');
    expect(nlText).toContain('Periode');
    expect(nlText).toContain('8 nov 2026');
    expect(nlText).toContain('Niet vergeleken');
    expect(nlText).toContain('Taal');
    expect(nlText).toContain('Nederlands');
    expect(nlText).toContain('Beantwoord zonder mens');
    expect(nlText).toContain('Pagina 1 van');
    // Letter: 612 × 792 points
    expect(nlBytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });

  it('prints the usage, funnels and retention dashboards too', async () => {
    trackConversations();
    for (const dashboard of ['usage', 'overview', 'funnels', 'retention'] as const) {
      const pdf = await expectOk(h.core, 'insight.reportPdf', { dashboard }, owner.call);
      const read = await pdfText(Buffer.from(pdf.contentBase64, 'base64'));
      expect(read.pages).toBeGreaterThanOrEqual(1);
      const title = { usage: 'Usage', overview: 'Usage', funnels: 'Funnels', retention: 'Retention' }[
        dashboard
      ];
      expect(read.text).toContain(title);
      expect(read.text).toContain('Key figures');
    }
  });

  it('refuses a range that ends before it starts', async () => {
    const result = await h.core.dispatch(
      'insight.reportPdf',
      { dashboard: 'usage', from: h.clock.now(), to: h.clock.now() - day },
      owner.call,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('range_reversed');
  });
});

describe('the schedule', () => {
  it('goes out on Mondays 07:00 or the 1st 07:00 in the organisation’s time zone, covering the period before', () => {
    // Sunday 22 Nov 2026, 10:00 UTC → Monday 23 Nov 07:00 in Oslo (06:00 UTC)
    const sunday = Date.UTC(2026, 10, 22, 10);
    expect(new Date(nextSendAt(sunday, 'weekly', 'Europe/Oslo')).toISOString()).toBe(
      '2026-11-23T06:00:00.000Z',
    );
    // exactly at the time: the next week
    expect(new Date(nextSendAt(Date.UTC(2026, 10, 23, 6), 'weekly', 'Europe/Oslo')).toISOString()).toBe(
      '2026-11-30T06:00:00.000Z',
    );
    expect(new Date(nextSendAt(sunday, 'monthly', 'Europe/Oslo')).toISOString()).toBe(
      '2026-12-01T06:00:00.000Z',
    );
    expect(new Date(nextSendAt(Date.UTC(2026, 11, 20), 'monthly', 'America/New_York')).toISOString()).toBe(
      '2027-01-01T12:00:00.000Z',
    );
    // summer time: Monday 29 June 2026 07:00 in Oslo is 05:00 UTC
    expect(new Date(nextSendAt(Date.UTC(2026, 5, 27), 'weekly', 'Europe/Oslo')).toISOString()).toBe(
      '2026-06-29T05:00:00.000Z',
    );
    const week = reportPeriod(Date.UTC(2026, 10, 23, 6), 'weekly', 'Europe/Oslo');
    expect(new Date(week.from).toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(new Date(week.to).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    const month = reportPeriod(Date.UTC(2026, 11, 1, 6), 'monthly', 'UTC');
    expect([new Date(month.from).toISOString(), new Date(month.to).toISOString()]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
  });
});

describe('scheduled reports by e-mail', () => {
  let smtp: SmtpReceiver;
  afterEach(async () => {
    await smtp?.close();
  });

  it('sends each recipient the PDF in their own language at a real SMTP server, then moves on; a failure is kept and retried', async () => {
    trackConversations();
    const kari = await inviteAndAccept(h.core, owner, 'kari@sykkel.test', 'viewer');
    await setLanguage(kari, 'nb');
    await setLanguage(owner, 'nl');
    const s = servicesOf(h.core);
    await expectOk(
      h.core,
      'profile.save',
      { ...(await expectOk(h.core, 'profile.get', {}, owner.call)).profile, timeZone: 'Europe/Oslo' },
      owner.call,
    );

    const saved = await expectOk(
      h.core,
      'insight.saveReport',
      {
        dashboard: 'conversations',
        frequency: 'weekly',
        recipients: [owner.me.user.id, kari.me.user.id],
        paper: 'a4',
      },
      owner.call,
    );
    // Sunday 22 Nov 09:00 UTC: Monday 23 Nov 07:00 Oslo
    expect(new Date(saved.nextAt).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(saved.lastSentAt).toBeNull();

    // no SMTP yet: due, not sent, the reason kept, the time unchanged
    h.clock.set(saved.nextAt + 1000);
    await s.insightReports.tick();
    // a day later the owner signs in again
    const again = await h.core.dispatch(
      'auth.login',
      { email: 'owner@sykkel.test', password: ownerPassword },
      { transport: 'internal', ip: '127.0.0.1' },
    );
    if (!again.ok || again.sessionChange?.type !== 'set') throw new Error('sign-in failed');
    owner = { ...owner, call: { ...owner.call, sessionToken: again.sessionChange.token } };
    let listed = await expectOk(h.core, 'insight.reports', {}, owner.call);
    expect(listed.smtp).toBe(false);
    expect(listed.reports[0]).toMatchObject({ lastError: 'no_smtp', lastSentAt: null, nextAt: saved.nextAt });

    smtp = await startSmtp({ user: 'mailer', password: 'smtp-secret-8f2a' });
    s.outbound.allow(`127.0.0.1:${smtp.port}`, null);
    s.notify.saveSmtp(tenantId, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'mailer',
      password: 'smtp-secret-8f2a',
      from: 'Sykkelverksted Nord <post@sykkel.test>',
    });
    // the next check sends it
    h.clock.advance(60_000);
    await s.insightReports.tick();
    expect(smtp.mails).toHaveLength(2);
    const byRecipient = new Map(
      await Promise.all(
        smtp.mails.map(async (mail) => {
          const parsed = await simpleParser(mail.raw);
          return [mail.recipients[0]!, parsed] as const;
        }),
      ),
    );
    const toKari = byRecipient.get('kari@sykkel.test')!;
    const toOwner = byRecipient.get('owner@sykkel.test')!;
    expect(toKari.subject).toContain('Samtaler');
    expect(toKari.text).toContain('16. nov. 2026');
    expect(toKari.text).toContain('Besvart uten et menneske');
    expect(toOwner.subject).toContain('Gesprekken');
    expect(toOwner.text).toContain('Beantwoord zonder mens');
    for (const [language, mail] of [
      ['nb', toKari],
      ['nl', toOwner],
    ] as const) {
      const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
      expect(pdf.filename).toBe('conversations-2026-11-16-2026-11-22.pdf');
      expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = (await pdfText(pdf.content)).text;
      expect(text).toContain(language === 'nb' ? 'Samtaler' : 'Gesprekken');
      expect(text).toContain(language === 'nb' ? 'Filtre' : 'Filters');
    }
    listed = await expectOk(h.core, 'insight.reports', {}, owner.call);
    expect(listed.smtp).toBe(true);
    expect(listed.reports[0]!.lastError).toBeNull();
    expect(listed.reports[0]!.lastSentAt).toBe(h.clock.now());
    expect(new Date(listed.reports[0]!.nextAt).toISOString()).toBe('2026-11-30T06:00:00.000Z');

    // not due again until then
    h.clock.advance(10 * 60_000);
    await s.insightReports.tick();
    expect(smtp.mails).toHaveLength(2);

    // "send now" goes out at once and leaves the schedule's time
    const now = await expectOk(h.core, 'insight.sendReportNow', { id: saved.id }, owner.call);
    expect(now).toMatchObject({ sent: 2, failed: 0, error: null });
    expect(now.report.nextAt).toBe(listed.reports[0]!.nextAt);
    expect(smtp.mails).toHaveLength(4);

    // audited in words
    const audit = await expectOk(h.core, 'audit.list', {}, owner.call);
    const actions = audit.entries.map((e) => e.action);
    expect(actions).toContain('insight.saveReport');
    expect(actions).toContain('insight.sendReportNow');
  });

  it('lets viewers read, only admins change, refuses strangers as recipients, and keeps each organisation’s reports to itself', async () => {
    const viewer = await inviteAndAccept(h.core, owner, 'vera@sykkel.test', 'viewer');
    const denied = await h.core.dispatch(
      'insight.saveReport',
      { dashboard: 'usage', frequency: 'monthly', recipients: [viewer.me.user.id] },
      viewer.call,
    );
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('FORBIDDEN');
    expect((await expectOk(h.core, 'insight.reports', {}, viewer.call)).reports).toEqual([]);
    expect(
      (await expectOk(h.core, 'insight.reportPdf', { dashboard: 'usage' }, viewer.call)).contentBase64.length,
    ).toBeGreaterThan(100);

    const other = await setupOther();
    const stranger = await h.core.dispatch(
      'insight.saveReport',
      { dashboard: 'usage', frequency: 'monthly', recipients: [other.me.user.id] },
      owner.call,
    );
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect(stranger.error.reason).toBe('report_recipient_not_member');

    const mine = await expectOk(
      h.core,
      'insight.saveReport',
      {
        dashboard: 'usage',
        frequency: 'monthly',
        recipients: [viewer.me.user.id],
        paper: 'letter',
        enabled: false,
      },
      owner.call,
    );
    expect(mine).toMatchObject({ paper: 'letter', enabled: false, frequency: 'monthly', dashboard: 'usage' });
    expect((await expectOk(h.core, 'insight.reports', {}, other.call)).reports).toEqual([]);
    const foreign = await h.core.dispatch('insight.sendReportNow', { id: mine.id }, other.call);
    expect(foreign.ok).toBe(false);
    expect((await expectOk(h.core, 'insight.deleteReport', { id: mine.id }, other.call)).deleted).toBe(false);
    expect((await expectOk(h.core, 'insight.deleteReport', { id: mine.id }, owner.call)).deleted).toBe(true);
    expect((await expectOk(h.core, 'insight.reports', {}, owner.call)).reports).toEqual([]);
  });
});

/** A second organisation with its own owner (the platform admin makes it and invites them). */
async function setupOther(): Promise<SignedIn> {
  const created = await expectOk(h.core, 'tenants.create', { name: 'Verksted Sør' }, owner.call);
  await expectOk(h.core, 'tenants.switch', { tenantId: created.id }, owner.call);
  const other = await inviteAndAccept(h.core, owner, 'sor@verksted.test', 'owner');
  await expectOk(h.core, 'tenants.switch', { tenantId }, owner.call);
  return other;
}

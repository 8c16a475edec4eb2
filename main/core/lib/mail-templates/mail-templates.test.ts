import { describe, expect, it } from 'vitest';
import { languages, mailTemplates, type Language, type MailTemplateName } from '../../../contract';
import { absoluteLink, renderTemplate, type MailContext, type MailTemplateData } from '.';
import { sampleData } from './samples';

/**
 * Every e-mail the core writes, in every language, as its recipient reads it: both parts, every
 * sentence from the catalogue, nothing English in a Dutch or Norwegian mail, and data never read as
 * HTML.
 */

const organisation = 'Sykkelverksted Nord';
const ctx = (language: Language, appOrigin: string | null = 'https://control.example.com'): MailContext => ({
  language,
  organisation,
  appOrigin,
});

const render = <T extends MailTemplateName>(template: T, language: Language, appOrigin?: string | null) =>
  renderTemplate(template, sampleData(template, language, organisation), ctx(language, appOrigin));

/** Words only English writes (as in main/core/messages-in-languages.test.ts), plus a few of the mails'. */
const englishWords = [
  'the',
  'not',
  'has',
  'have',
  'been',
  'could',
  'does',
  'did',
  'which',
  'with',
  'after',
  'from',
  'this',
  'that',
  'will',
  'are',
  'were',
  'there',
  'yet',
  'when',
  'only',
  'your',
  'you',
  'still',
  'again',
  'open',
  'sent',
  'because',
  'button',
  'address',
  'customer',
  'ticket',
  'person',
  'week',
  'e-mail',
  'invited',
  'password',
  'link',
  'welcome',
  'sign',
];
// Dutch says "ticket", "week", "link", "open" and "e-mail" too; only the Norwegian mails may not
const alsoDutch = new Set(['ticket', 'week', 'link', 'open', 'e-mail']);
const englishIn = (text: string, language: Language) => {
  const padded = ` ${text
    .toLowerCase()
    .replace(/mindframe control center/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[^\p{L}\p{N}_-]+/gu, ' ')} `;
  return englishWords.filter(
    (word) => padded.includes(` ${word} `) && !(language === 'nl' && alsoDutch.has(word)),
  );
};

describe('mail templates', () => {
  it('are all in the vocabulary the preview and MailOut offer', () => {
    expect([...mailTemplates].sort()).toEqual(
      [
        'handoff',
        'incident_alert',
        'insight_report',
        'invitation',
        'notification',
        'password_reset',
        'sla_breach',
        'weekly_report',
        'welcome',
      ].sort(),
    );
  });

  for (const template of mailTemplates) {
    for (const language of languages) {
      it(`${template} in ${language}: subject, HTML and text, every sentence from the catalogue`, async () => {
        const mail = await render(template, language);
        expect(mail.subject.trim().length).toBeGreaterThan(3);
        expect(mail.html).toMatch(new RegExp(`<html lang="${language}"[\\s>]`));
        for (const part of [mail.subject, mail.html, mail.text]) {
          expect(part).not.toContain('{{');
          expect(part).not.toContain('[[');
          expect(part).not.toMatch(/email\.templates\.|email\.reason_|messages\.|nav\./);
        }
        // the organisation heads the mail and the footer says why the person gets it
        expect(mail.text.startsWith(organisation)).toBe(true);
        expect(mail.text).toMatch(/\n-- \n.+\n.+Sykkelverksted Nord\.$/);
        expect(mail.html).toContain(organisation);
        // the plain-text part says what the HTML says (the heading and the reason at least)
        const heading = mail.text.split('\n')[2]!;
        expect(mail.html).toContain(
          heading.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'),
        );
        if (language !== 'en') {
          const english = await render(template, 'en');
          expect(mail.subject).not.toBe(english.subject);
          expect(englishIn(`${mail.subject}\n${mail.text}`, language)).toEqual([]);
        }
      });
    }
  }

  it('gives a button to the absolute link, with the address written out for clients without buttons', async () => {
    const mail = await render('password_reset', 'en');
    const url = 'https://control.example.com/#/reset/sample';
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain('Choose a new password');
    expect(mail.text).toContain(`Choose a new password: ${url}`);
    expect(mail.text).toContain('expires in 30 minutes');
  });

  it("makes the app's hash routes absolute where the app's address is known, else says where to go", async () => {
    const known = await render('handoff', 'nl', 'https://control.example.com');
    expect(known.html).toContain('href="https://control.example.com/#/inbox/sample"');
    expect(known.text).toContain('Ticket openen: https://control.example.com/#/inbox/sample');

    const unknown = await render('incident_alert', 'nb', null);
    expect(unknown.html).not.toMatch(/href="#/);
    expect(unknown.html).not.toContain('Åpne hendelsen</a>');
    expect(unknown.text).toContain(
      'Åpne Mindframe Control Center og gå til Hendelser, eller legg dette til på slutten av adressen i nettleseren: #/incidents/sample',
    );
    const page = await render('weekly_report', 'nl', null);
    expect(page.text).toContain('Open Mindframe Control Center en ga naar Dashboard.');
  });

  it('never reads data as HTML: a <script> in a name or message comes out as text', async () => {
    const hostile = '<script>alert("x")</script> & <b>bold</b>';
    const data: MailTemplateData['handoff'] = {
      ticketNumber: 7,
      subject: hostile,
      customerMessage: `${hostile}\nline two`,
      queue: hostile,
      channel: hostile,
      link: 'javascript:alert(1)',
    };
    const mail = await renderTemplate('handoff', data, {
      language: 'en',
      organisation: `<img src=x onerror=alert(1)>`,
      appOrigin: 'https://control.example.com',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>bold');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // a link that is not http(s) is never a link
    expect(mail.html).not.toContain('href="javascript:');
    // the text part is plain text: the words as written
    expect(mail.text).toContain(`> ${hostile}`);
    expect(mail.subject).toBe(`Ticket #7 needs a person: ${hostile}`);

    const invited = await renderTemplate(
      'invitation',
      {
        name: hostile,
        inviter: hostile,
        organisation: hostile,
        link: 'https://x.example/#/a',
        expiresDays: 1,
      },
      ctx('nb'),
    );
    expect(invited.html).not.toContain('<script>');
    expect(invited.html).toContain('&lt;script&gt;');
    expect(invited.text).toContain('Invitasjonen gjelder i 1 dag.');
  });

  it("takes the sender's reason for the footer when it has one (a notification rule)", async () => {
    const mail = await renderTemplate('sla_breach', sampleData('sla_breach', 'nl', organisation), {
      ...ctx('nl'),
      reason: { key: 'reason_rule', params: { rule: 'Werkplaats' } },
    });
    expect(mail.text).toContain('Je krijgt dit bericht door de meldingsregel "Werkplaats".');
    expect(mail.text).toContain('7 dec 2026, 07:30 UTC');
  });

  // how fast a cached render is lives in `npm run bench -- mail-render`, not in a timed test
  it('renders the same mail from the cached layout as from the first compile', async () => {
    const first = await render('weekly_report', 'nb');
    for (const language of languages) await render('weekly_report', language);
    const again = await render('weekly_report', 'nb');
    expect(again.html).toBe(first.html);
    expect(again.text).toBe(first.text);
  });

  it('takes only http(s) URLs and hash routes as links', () => {
    expect(absoluteLink('https://a.example/x', null)).toBe('https://a.example/x');
    expect(absoluteLink('#/inbox/1', 'https://a.example/')).toBe('https://a.example/#/inbox/1');
    expect(absoluteLink('#/inbox/1', null)).toBeNull();
    expect(absoluteLink('javascript:alert(1)', 'https://a.example')).toBeNull();
    expect(absoluteLink('https://a.example/x y', null)).toBeNull();
  });
});

import type { Language, MailTemplateName } from '../../../contract';
import { translator } from '../catalogue';
import type { MailTemplateData } from './types';

/** A fixed moment for the samples (Monday 7 December 2026, 09:30 UTC). */
const at = Date.UTC(2026, 11, 7, 9, 30);
const day = 24 * 60 * 60 * 1000;

/** What a customer of the sample bike shop writes, in each language. */
const customer: Record<
  Language,
  { subject: string; message: string; intents: string[]; name: string; queue: string }
> = {
  en: {
    subject: 'Brake repair this week?',
    message:
      'Hi! My rear brake squeaks and barely stops the bike. Can you fix it this week? I can bring it in on Thursday morning.',
    intents: ['Opening hours', 'Repair prices', 'Booking a service', 'Delivery times'],
    name: 'Alex Morgan',
    queue: 'Workshop',
  },
  nl: {
    subject: 'Remreparatie deze week?',
    message:
      'Hoi! Mijn achterrem piept en remt bijna niet meer. Kunnen jullie hem deze week maken? Ik kan hem donderdagochtend brengen.',
    intents: ['Openingstijden', 'Prijzen van reparaties', 'Onderhoud inplannen', 'Levertijden'],
    name: 'Sanne de Vries',
    queue: 'Werkplaats',
  },
  nb: {
    subject: 'Bremsereparasjon denne uken?',
    message:
      'Hei! Bakbremsen min piper og stopper nesten ikke sykkelen. Kan dere fikse den denne uken? Jeg kan levere den torsdag morgen.',
    intents: ['Åpningstider', 'Priser på reparasjon', 'Bestille service', 'Leveringstid'],
    name: 'Ingrid Hansen',
    queue: 'Verksted',
  },
};

/**
 * Realistic data for each template, for the preview in the app and the screenshots: the tenant's
 * own name, a person and a customer message in the language of the preview.
 */
export function sampleData<T extends MailTemplateName>(
  template: T,
  language: Language,
  organisation: string,
): MailTemplateData[T] {
  const c = customer[language];
  const t = translator(language);
  const samples: { [K in MailTemplateName]: MailTemplateData[K] } = {
    welcome: { name: c.name, organisation, link: '#/' },
    invitation: {
      name: c.name,
      inviter: 'Kari Nordmann',
      organisation,
      link: 'https://control.example.com/#/invite/sample',
      expiresDays: 7,
    },
    password_reset: {
      name: c.name,
      link: 'https://control.example.com/#/reset/sample',
      expiresMinutes: 30,
      requestedByAdmin: false,
    },
    handoff: {
      ticketNumber: 42,
      subject: c.subject,
      customerMessage: c.message,
      queue: c.queue,
      channel: 'website',
      link: '#/inbox/sample',
    },
    sla_breach: {
      ticketNumber: 42,
      subject: c.subject,
      target: 'first_response',
      dueAt: at - 2 * 60 * 60 * 1000,
      link: '#/inbox/sample',
    },
    incident_alert: {
      severity: 'SEV2',
      event: 'incident.opened',
      title: 'Health score 42: the platform is unhealthy',
      body: 'Incident #7 was opened.',
      titleMessage: { key: 'notify.health.unhealthy', params: { score: 42 } },
      bodyMessages: [{ key: 'notify.incident.opened', params: { number: 7 } }],
      link: '#/incidents/sample',
      organisation,
      reason: { key: 'reason_rule', params: { rule: 'On call' } },
    },
    notification: {
      severity: 'SEV4',
      event: 'test',
      title: 'Test notification from Mindframe Control Center',
      body: 'If you can read this, notifications reach you through this channel.',
      titleMessage: { key: 'notify.test.title' },
      bodyMessages: [{ key: 'notify.test.body' }],
      link: '#/notifications',
      organisation,
      reason: { key: 'reason_test' },
    },
    weekly_report: {
      organisation,
      periodStart: at - 7 * day,
      periodEnd: at - day,
      conversations: 184,
      answeredWithoutPerson: 151,
      handoffs: 33,
      runs: 402,
      costMicros: 3_870_000,
      topIntents: c.intents.map((name, i) => ({ name, count: [46, 31, 22, 9][i] ?? 1 })),
      link: '#/',
    },
    insight_report: {
      organisation,
      title: t('insight.titles.conversations'),
      frequency: 'weekly',
      period: `${new Date(at - 7 * day).toISOString().slice(0, 10)} – ${new Date(at - day).toISOString().slice(0, 10)}`,
      facts: [
        { label: t('insight.pdf.conversations.conversations'), value: '184' },
        { label: t('insight.pdf.conversations.containment'), value: '82 %' },
      ],
      link: '#/insight/conversations',
    },
  };
  return samples[template] as MailTemplateData[T];
}

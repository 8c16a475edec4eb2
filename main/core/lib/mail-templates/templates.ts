import type { TFunction } from 'i18next';
import type { Language, MailTemplateName, Message } from '../../../contract';
import { sayIn, translator } from '../catalogue';
import type { MailDoc } from './layout';
import type { MailContent, MailContext, MailTemplateData } from './types';

import { defaultPrimaryColor, defaultProductName, defaultProductShortName } from '../../../contract';

/** The content id of the brand's logo, shown inline at the top. */
export const logoCid = 'brand-logo';

const locales: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', nb: 'nb-NO' };

/** A link as an absolute http(s) URL: as given, or a hash route on the app's address; else null. */
export function absoluteLink(link: string | null, appOrigin: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\/[^\s]+$/i.test(link)) return link;
  if (appOrigin && /^#\/[^\s]*$/.test(link)) return `${appOrigin.replace(/\/+$/, '')}/${link}`;
  return null;
}

/** Helpers shared by the templates of one language. */
class Writer {
  readonly t: TFunction;
  constructor(readonly ctx: MailContext) {
    this.t = translator(ctx.language);
  }

  /** The product's name the mail says: the brand's, else the product's own. */
  get product(): string {
    return this.ctx.brand?.productName ?? defaultProductName;
  }

  /** `{{product}}` and `{{productShort}}` of the catalogue's sentences: the brand's name (both), else the product's. */
  get names(): { product: string; productShort: string } {
    const brand = this.ctx.brand?.productName;
    return { product: brand ?? defaultProductName, productShort: brand ?? defaultProductShortName };
  }

  /** `email.templates.<key>` with its parameters. */
  say(key: string, params: Record<string, unknown> = {}): string {
    return this.t(`email.templates.${key}`, { ...this.names, ...params });
  }

  date(ms: number, withTime = true): string {
    return new Intl.DateTimeFormat(locales[this.ctx.language], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } : {}),
      timeZone: this.ctx.timeZone ?? 'UTC',
    }).format(new Date(ms));
  }

  number(value: number): string {
    return new Intl.NumberFormat(locales[this.ctx.language]).format(value);
  }

  money(micros: number): string {
    return new Intl.NumberFormat(locales[this.ctx.language], {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: micros > 0 && micros < 10_000 ? 4 : 2,
    }).format(micros / 1_000_000);
  }

  greeting(name: string): string {
    return name.trim() ? this.say('common.hello', { name: name.trim() }) : this.say('common.hello_anonymous');
  }

  /** The reason the sender gave (notification rules), else the template's own. */
  reason(own: string): string {
    const given = this.ctx.reason;
    return given ? this.t(`email.${given.key}`, { ...this.names, ...given.params }) : own;
  }

  /**
   * Where a link leads, in words, when there is no address to click: the app's page it opens
   * ("go to Inbox"), else the link itself.
   */
  linkNote(link: string): string {
    const segment = /^#\/([a-z-]*)/.exec(link)?.[1];
    if (segment !== undefined) {
      const page = this.t(`nav.${segment || 'dashboard'}`, { defaultValue: '' });
      // a route to one thing (an incident, a ticket) keeps the route, to add to the app's address
      if (page && /^#\/[a-z-]+\/./.test(link)) return this.say('common.link_in_app_item', { page, link });
      if (page) return this.say('common.link_in_app', { link: page });
    }
    return this.say('common.link_as_text', { link });
  }

  /** The parts every mail has; `link` becomes a button, or a line of text without an absolute URL. */
  doc(parts: {
    subject: string;
    heading: string;
    preheader?: string;
    paragraphs: string[];
    link: string | null;
    actionLabel: string;
    reason: string;
    quote?: MailDoc['quote'];
    facts?: MailDoc['facts'];
    list?: MailDoc['list'];
    after?: string[];
  }): MailDoc {
    const organisation = this.ctx.organisation?.trim() || null;
    const url = absoluteLink(parts.link, this.ctx.appOrigin);
    const productName = this.product;
    const brand = this.ctx.brand ?? null;
    return {
      language: this.ctx.language,
      subject: parts.subject.replace(/\s+/g, ' ').trim().slice(0, 250),
      preheader: parts.preheader ?? parts.paragraphs[0] ?? parts.heading,
      header: organisation ?? productName,
      product: organisation ? productName : this.say('common.tagline'),
      heading: parts.heading,
      paragraphs: parts.paragraphs,
      quote: parts.quote ?? null,
      facts: parts.facts ?? [],
      list: parts.list ?? null,
      action: url ? { label: parts.actionLabel, url, fallback: this.say('common.button_fallback') } : null,
      linkNote: !url && parts.link ? this.linkNote(parts.link) : null,
      after: parts.after ?? [],
      reason: parts.reason,
      sentBy: organisation
        ? this.say('common.sent_by', { product: productName, organisation })
        : this.say('common.sent_by_product', { product: productName }),
      color: brand?.primaryColor ?? defaultPrimaryColor,
      logo: brand?.logo ? { src: `cid:${logoCid}`, alt: productName } : null,
      support: brand?.supportEmail ? this.say('common.support', { email: brand.supportEmail }) : null,
    };
  }
}

type Builder<T extends MailTemplateName> = (w: Writer, data: MailTemplateData[T]) => MailDoc;

function notificationDoc(w: Writer, content: MailContent, incident: boolean): MailDoc {
  const { language } = w.ctx;
  const branded = (message: Message): Message => ({ ...message, params: { ...w.names, ...message.params } });
  const say = (message: Message) => sayIn(language, branded(message));
  const title = (
    content.titleMessage ? sayIn(language, branded(content.titleMessage), content.title) : content.title
  )
    .replace(/\s+/g, ' ')
    .trim();
  const body =
    content.bodyMessages.length > 0
      ? content.bodyMessages.map(say)
      : content.body.split(/\n{2,}/).filter((p) => p.trim() !== '');
  const event = w.t(`email.events.${content.event.replace(/\./g, '_')}`, { defaultValue: content.event });
  return w.doc({
    subject: `[${content.severity}] ${title}`,
    heading: title,
    preheader: body[0] ?? title,
    paragraphs: body,
    facts: [
      { label: w.say('common.severity'), value: content.severity },
      { label: w.say('common.event'), value: event },
      ...(content.organisation ? [{ label: w.say('common.organisation'), value: content.organisation }] : []),
    ],
    link: content.link,
    actionLabel: w.say(incident ? 'incident_alert.action' : 'notification.action'),
    reason: w.t(`email.${content.reason.key}`, { ...w.names, ...content.reason.params }),
  });
}

const builders: { [T in MailTemplateName]: Builder<T> } = {
  welcome: (w, d) =>
    w.doc({
      subject: w.say('welcome.subject', { organisation: d.organisation }),
      heading: w.say('welcome.heading', { organisation: d.organisation }),
      paragraphs: [w.greeting(d.name), w.say('welcome.intro', { organisation: d.organisation })],
      link: d.link,
      actionLabel: w.say('welcome.action'),
      reason: w.reason(w.say('welcome.reason', { organisation: d.organisation })),
    }),

  invitation: (w, d) =>
    w.doc({
      subject: w.say('invitation.subject', { inviter: d.inviter, organisation: d.organisation }),
      heading: w.say('invitation.heading', { organisation: d.organisation }),
      paragraphs: [
        w.greeting(d.name),
        w.say('invitation.intro', { inviter: d.inviter, organisation: d.organisation }),
      ],
      link: d.link,
      actionLabel: w.say('invitation.action'),
      after: [w.say('invitation.expires', { count: d.expiresDays }), w.say('invitation.ignore')],
      reason: w.reason(w.say('invitation.reason', { inviter: d.inviter, organisation: d.organisation })),
    }),

  password_reset: (w, d) =>
    w.doc({
      subject: w.say('password_reset.subject'),
      heading: w.say('password_reset.heading'),
      paragraphs: [
        w.greeting(d.name),
        w.say(d.requestedByAdmin ? 'password_reset.intro_admin' : 'password_reset.intro_self'),
      ],
      link: d.link,
      actionLabel: w.say('password_reset.action'),
      after: [
        w.say('password_reset.expires', { count: d.expiresMinutes }),
        w.say(d.requestedByAdmin ? 'password_reset.ignore_admin' : 'password_reset.ignore_self'),
      ],
      reason: w.reason(w.say('password_reset.reason')),
    }),

  handoff: (w, d) =>
    w.doc({
      subject: w.say('handoff.subject', { number: d.ticketNumber, subject: d.subject }),
      heading: w.say('handoff.heading'),
      paragraphs: [w.say('handoff.intro', { number: d.ticketNumber })],
      quote: d.customerMessage.trim()
        ? { label: w.say('handoff.customer_wrote'), text: d.customerMessage.trim().slice(0, 2000) }
        : null,
      facts: [
        { label: w.say('common.ticket'), value: `#${d.ticketNumber}` },
        { label: w.say('common.subject'), value: d.subject },
        ...(d.queue ? [{ label: w.say('handoff.queue'), value: d.queue }] : []),
        {
          label: w.say('handoff.channel'),
          value: w.t(`email.templates.channels.${d.channel}`, { defaultValue: d.channel }),
        },
      ],
      link: d.link,
      actionLabel: w.say('common.open_ticket'),
      reason: w.reason(w.say('handoff.reason')),
    }),

  sla_breach: (w, d) =>
    w.doc({
      subject: w.say(`sla_breach.subject_${d.target}`, { number: d.ticketNumber, subject: d.subject }),
      heading: w.say(`sla_breach.heading_${d.target}`),
      paragraphs: [w.say(`sla_breach.intro_${d.target}`, { number: d.ticketNumber, due: w.date(d.dueAt) })],
      facts: [
        { label: w.say('common.ticket'), value: `#${d.ticketNumber}` },
        { label: w.say('common.subject'), value: d.subject },
        { label: w.say('sla_breach.target'), value: w.say(`sla_breach.targets.${d.target}`) },
        { label: w.say('sla_breach.due'), value: w.date(d.dueAt) },
      ],
      link: d.link,
      actionLabel: w.say('common.open_ticket'),
      reason: w.reason(w.say('sla_breach.reason')),
    }),

  incident_alert: (w, d) => notificationDoc(w, d, true),
  notification: (w, d) => notificationDoc(w, d, false),

  weekly_report: (w, d) => {
    const period = { from: w.date(d.periodStart, false), to: w.date(d.periodEnd, false) };
    return w.doc({
      subject: w.say('weekly_report.subject', { organisation: d.organisation, ...period }),
      heading: w.say('weekly_report.heading'),
      paragraphs: [w.say('weekly_report.intro', period)],
      facts: [
        { label: w.say('weekly_report.conversations'), value: w.number(d.conversations) },
        { label: w.say('weekly_report.answered_without_person'), value: w.number(d.answeredWithoutPerson) },
        { label: w.say('weekly_report.handoffs'), value: w.number(d.handoffs) },
        { label: w.say('weekly_report.runs'), value: w.number(d.runs) },
        { label: w.say('weekly_report.cost'), value: w.money(d.costMicros) },
      ],
      list: {
        heading: w.say('weekly_report.top_intents'),
        items:
          d.topIntents.length > 0
            ? d.topIntents
                .slice(0, 5)
                .map((intent) => w.say('weekly_report.intent', { name: intent.name, count: intent.count }))
            : [w.say('weekly_report.no_intents')],
      },
      link: d.link,
      actionLabel: w.say('weekly_report.action'),
      reason: w.reason(w.say('weekly_report.reason', { organisation: d.organisation })),
    });
  },

  insight_report: (w, d) =>
    w.doc({
      subject: w.say(`insight_report.subject_${d.frequency}`, {
        title: d.title,
        organisation: d.organisation,
        period: d.period,
      }),
      heading: w.say('insight_report.heading', { title: d.title }),
      paragraphs: [
        w.say(`insight_report.intro_${d.frequency}`, { title: d.title, period: d.period }),
        w.say('insight_report.attached'),
      ],
      facts: d.facts,
      link: d.link,
      actionLabel: w.say('insight_report.action'),
      reason: w.reason(w.say('insight_report.reason', { organisation: d.organisation })),
    }),
};

/** What `template` says with `data` in the context's language. */
export function docOf<T extends MailTemplateName>(
  template: T,
  data: MailTemplateData[T],
  ctx: MailContext,
): MailDoc {
  const build = builders[template] as Builder<T>;
  return build(new Writer(ctx), data);
}

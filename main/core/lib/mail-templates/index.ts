import type { MailTemplateName } from '../../../contract';
import { htmlOf, textOf } from './layout';
import { docOf, logoCid } from './templates';
import type { MailContext, MailTemplateData, RenderedMail } from './types';

export type {
  InlineImage,
  MailBranding,
  MailContent,
  MailContext,
  MailTemplateData,
  RenderedMail,
} from './types';
export { absoluteLink } from './templates';
export { escapeHtml } from './layout';

/**
 * One e-mail from a template: the subject, an HTML part (the shared MJML layout, compiled once per
 * shape and cached, with every value escaped) and a plain-text part, in the context's language
 * from the app's catalogue (keys under `email.templates`).
 */
export async function renderTemplate<T extends MailTemplateName>(
  template: T,
  data: MailTemplateData[T],
  ctx: MailContext,
): Promise<RenderedMail> {
  const doc = docOf(template, data, ctx);
  const logo = ctx.brand?.logo;
  return {
    subject: doc.subject,
    html: await htmlOf(doc),
    text: textOf(doc),
    ...(doc.logo && logo
      ? {
          attachments: [
            {
              filename: `logo.${logo.type.split('/')[1] ?? 'png'}`,
              contentType: logo.type,
              content: logo.bytes,
              cid: logoCid,
            },
          ],
        }
      : {}),
  };
}

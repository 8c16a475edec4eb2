export {
  NotifyService,
  type NotifyServiceOptions,
  type SaveRuleInput,
  type SaveSmtpInput,
} from './notify-service';
export { notifyHandlers } from './handlers';
export type { Notifier, NotifyMessage, NotifyOptions, NotifyOutcome } from './types';
export { TemplateMailOut, type MailOut, type MailOutcome } from './mail-out';
export type { NotifyMail } from './types';
export type { MailTemplateData } from '../lib/mail-templates';

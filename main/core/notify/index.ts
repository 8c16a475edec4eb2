export {
  NotifyService,
  type NotifyServiceOptions,
  type SaveRuleInput,
  type SaveSmtpInput,
} from './notify-service';
export { notifyHandlers } from './handlers';
export type { Notifier, NotifyMessage, NotifyOptions, NotifyOutcome } from './types';

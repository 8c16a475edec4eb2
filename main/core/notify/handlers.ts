import type { HandlerMap } from '../context';
import { sampleData } from '../lib/mail-templates/samples';
import type { NotifyService } from './notify-service';
import { describeUrl } from './webhook';

export interface NotifyHandlerDeps {
  notify: NotifyService;
}

export function notifyHandlers(
  deps: NotifyHandlerDeps,
): Pick<
  HandlerMap,
  | 'notify.rules'
  | 'notify.saveRule'
  | 'notify.deleteRule'
  | 'notify.saveQuietHours'
  | 'notify.saveSmtp'
  | 'notify.test'
  | 'notify.previewEmail'
> {
  const { notify } = deps;
  return {
    'notify.rules': (_input, ctx) => notify.overview(ctx.tenantRows().tenantId),

    'notify.saveRule': (input, ctx) => {
      const rule = notify.saveRule(ctx.tenantRows().tenantId, input);
      ctx.audit({
        action: input.id ? 'notify.updateRule' : 'notify.createRule',
        targetType: 'notifyRule',
        targetId: rule.id,
        details: {
          name: rule.name,
          events: rule.events,
          minSeverity: rule.minSeverity,
          desktop: rule.desktop,
          emails: rule.emails,
          webhook: rule.webhookUrl ? describeUrl(rule.webhookUrl) : null,
          webhookSigned: rule.webhookSigned,
          signingKeyChanged: input.webhookSecret !== undefined,
          enabled: rule.enabled,
        },
      });
      return rule;
    },

    'notify.deleteRule': (input, ctx) => {
      const rule = notify.deleteRule(ctx.tenantRows().tenantId, input.ruleId);
      ctx.audit({
        action: 'notify.deleteRule',
        targetType: 'notifyRule',
        targetId: rule.id,
        details: { name: rule.name },
      });
      return { ok: true as const };
    },

    'notify.saveQuietHours': (input, ctx) => {
      const quiet = notify.saveQuietHours(ctx.tenantRows().tenantId, input);
      ctx.audit({ action: 'notify.saveQuietHours', targetType: 'settings', details: { ...quiet } });
      return quiet;
    },

    'notify.saveSmtp': (input, ctx) => {
      const smtp = notify.saveSmtp(ctx.tenantRows().tenantId, input);
      ctx.audit({
        action: 'notify.saveSmtp',
        targetType: 'settings',
        details: {
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          user: smtp.user,
          from: smtp.from,
          credentialChanged: input.password !== undefined,
        },
      });
      return smtp;
    },

    'notify.test': async (input, ctx) => {
      const result = await notify.test(ctx.tenantRows().tenantId, input);
      const target =
        input.to === undefined
          ? null
          : input.channel === 'webhook'
            ? describeUrl(input.to)
            : input.to.slice(0, 254);
      ctx.audit({
        action: 'notify.test',
        ...(input.ruleId ? { targetType: 'notifyRule', targetId: input.ruleId } : {}),
        details: { channel: input.channel, to: target, ok: result.ok },
      });
      return result;
    },

    'notify.previewEmail': async (input, ctx) => {
      const { tenantId } = ctx.tenantRows();
      const organisation = notify.organisationName(tenantId);
      return notify.mailOut.render(
        tenantId,
        input.template,
        input.language,
        sampleData(input.template, input.language, organisation),
      );
    },
  };
}

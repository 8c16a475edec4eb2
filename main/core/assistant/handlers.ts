import type { HandlerMap } from '../context';
import type { AssistantService } from './service';

export interface AssistantHandlerDeps {
  assistant: AssistantService;
}

export function assistantHandlers({
  assistant,
}: AssistantHandlerDeps): Pick<
  HandlerMap,
  'assistant.ask' | 'assistant.confirm' | 'assistant.history' | 'assistant.conversations'
> {
  return {
    'assistant.ask': async (input, ctx) => {
      const { handedOff, ...answer } = await assistant.ask(input, { session: ctx.auth(), call: ctx.call });
      if (handedOff) {
        ctx.audit({
          action: 'assistant.handoff',
          targetType: 'ticket',
          targetId: handedOff.ticketId,
          details: { number: handedOff.number, conversationId: answer.conversationId },
        });
      } else {
        // a question is no change worth an audit entry; what it changes is confirmed and audited apart
        ctx.markAudited();
      }
      return answer;
    },
    // the action itself (agents.pause) is dispatched as the caller and audited as theirs
    'assistant.confirm': async (input, ctx) => {
      const result = await assistant.confirm(input, { session: ctx.auth(), call: ctx.call });
      ctx.markAudited();
      return result;
    },
    'assistant.history': (input, ctx) => assistant.history(ctx.auth(), input.conversationId),
    'assistant.conversations': (input, ctx) => ({
      conversations: assistant.conversations(ctx.auth(), input.limit),
    }),
  };
}

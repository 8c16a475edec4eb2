import type { ModelRef } from '../../../contract';
import type { ChatModel, ChatRequest, ChatResult, ToolCall } from '../models/types';
import { answerLanguage, composeAnswer, pickReply } from './answer';
import { parsePrompt } from './prompt';

/** The built-in offline model: provider "local", model "mindframe-local". */
export const localModelRef: ModelRef = { providerId: 'local', model: 'mindframe-local' };
export const localModelName = 'Mindframe Local';

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

function abortError(): Error {
  return new DOMException('The offline model was stopped.', 'AbortError');
}

/**
 * "Mindframe Local": a deterministic model that needs no network and no weights. It answers from the
 * facts in its prompt, or with the fixed message of a Reply section in the question's language (see prompt.ts for how it finds the context and the question, and answer.ts for
 * how it picks sentences), in the question's language, and says so honestly when the context has
 * nothing on the question. The same prompt always gives the same answer; temperature is ignored.
 *
 * When the prompt has no context but the request offers the `search_knowledge` tool, it asks for that
 * tool with the question as the query (once), then answers from the tool's result, so agents whose llm
 * node uses tools work offline too.
 *
 * Streams word by word through `onDelta`, stops with an AbortError when `signal` aborts, cuts the
 * answer at `maxTokens` (finishReason "length"), and estimates token counts (~4 characters a token).
 */
export class LocalChatModel implements ChatModel {
  async complete(request: ChatRequest): Promise<ChatResult> {
    if (request.signal.aborted) throw abortError();
    const prompt = parsePrompt(request.messages);
    const tokensIn = estimateTokens(request.messages.map((message) => message.content).join('\n'));

    const wantsTool =
      !prompt.context.trim() &&
      !prompt.reply &&
      !prompt.hasToolResult &&
      prompt.question.trim() !== '' &&
      (request.tools ?? []).some((tool) => tool.name === 'search_knowledge');
    if (wantsTool) {
      const call: ToolCall = {
        id: `local-${request.messages.length}`,
        name: 'search_knowledge',
        arguments: JSON.stringify({ query: prompt.question }),
      };
      return {
        text: '',
        toolCalls: [call],
        tokensIn,
        tokensOut: estimateTokens(call.arguments),
        estimatedTokens: true,
        finishReason: 'tool_calls',
      };
    }

    const context = [prompt.context, prompt.toolContext].filter((part) => part.trim()).join('\n\n');
    const reply = prompt.reply ? pickReply(prompt.reply, answerLanguage(prompt.question)) : null;
    const answer = reply !== null ? { text: reply } : composeAnswer(context, prompt.question, prompt.topic);

    let text = '';
    let finishReason = 'stop';
    const pieces = answer.text.match(/\S+\s*/g) ?? [];
    for (let i = 0; i < pieces.length; i++) {
      if (request.signal.aborted) throw abortError();
      const piece = i === pieces.length - 1 ? (pieces[i] as string).trimEnd() : (pieces[i] as string);
      if (estimateTokens(text + piece) > request.maxTokens) {
        finishReason = 'length';
        break;
      }
      text += piece;
      request.onDelta?.(piece);
      // let the event loop breathe, so a cancel or a timeout can land mid-answer
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    if (request.signal.aborted) throw abortError();
    return {
      text,
      toolCalls: [],
      tokensIn,
      tokensOut: estimateTokens(text),
      estimatedTokens: true,
      finishReason,
    };
  }
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake provider. */
export type FakeAnswer =
  | { status: number; error?: string; retryAfter?: number }
  | { text: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { toolCall: { name: string; arguments: string } }
  | { delayMs: number; then: FakeAnswer };

export interface RecordedRequest {
  model: string;
  stream: boolean;
  authorization: string | undefined;
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }[];
    tools?: unknown[];
    max_tokens?: number;
  };
}

/**
 * A real HTTP server that speaks the OpenAI chat-completions wire format (JSON and server-sent
 * events), answering each model from its own script; the default answer is a plain text.
 */
export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, FakeAnswer[]>();
  private server: Server | undefined;
  url = '';

  script(model: string, ...answers: FakeAnswer[]): void {
    this.scripts.set(model, [...(this.scripts.get(model) ?? []), ...answers]);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.url?.endsWith('/models')) {
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ object: 'list', data: [] }),
      };
    }
    const body = JSON.parse(raw) as RecordedRequest['body'];
    this.requests.push({
      model: body.model,
      stream: Boolean(body.stream),
      authorization: req.headers.authorization,
      body,
    });
    let answer = this.scripts.get(body.model)?.shift() ?? { text: `Answer from ${body.model}.` };
    while ('delayMs' in answer) {
      await new Promise((resolve) => setTimeout(resolve, (answer as { delayMs: number }).delayMs));
      answer = answer.then;
    }
    if ('status' in answer) {
      return {
        status: answer.status,
        headers: {
          'content-type': 'application/json',
          ...(answer.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {}),
        },
        body: JSON.stringify({
          error: { message: answer.error ?? `scripted ${answer.status}`, type: 'server_error' },
        }),
      };
    }
    const usage =
      'text' in answer
        ? (answer.usage ?? { prompt_tokens: 42, completion_tokens: 7 })
        : { prompt_tokens: 30, completion_tokens: 5 };
    const message =
      'text' in answer
        ? { role: 'assistant', content: answer.text }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments },
              },
            ],
          };
    const finish = 'text' in answer ? 'stop' : 'tool_calls';
    const base = { id: 'chatcmpl-fake', created: 1_790_000_000, model: body.model };
    if (!body.stream) {
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message, finish_reason: finish }],
          usage,
        }),
      };
    }
    const chunks: unknown[] = [];
    const chunk = (delta: unknown, finishReason: string | null) => ({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
    chunks.push(chunk({ role: 'assistant', content: '' }, null));
    if ('text' in answer) {
      for (const word of answer.text.match(/\S+\s*/g) ?? []) chunks.push(chunk({ content: word }, null));
    } else {
      chunks.push(
        chunk(
          {
            tool_calls: [
              {
                index: 0,
                id: 'call_1',
                type: 'function',
                function: { name: answer.toolCall.name, arguments: '' },
              },
            ],
          },
          null,
        ),
        chunk({ tool_calls: [{ index: 0, function: { arguments: answer.toolCall.arguments } }] }, null),
      );
    }
    chunks.push(chunk({}, finish));
    chunks.push({ ...base, object: 'chat.completion.chunk', choices: [], usage });
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`,
    };
  }
}

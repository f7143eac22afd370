// A local OpenAI-compatible chat completions server on 127.0.0.1 (port 0), scripted per request, so a real
// ChatOpenAI can be tested offline: normal answers, structured output, 429/500, hangs and malformed JSON.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type StubStep =
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number }; delayMs?: number }
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: true }
  | { raw: string };

export interface StubServer {
  /** Base URL for ChatOpenAI's configuration.baseURL (ends in /v1). */
  baseURL: string;
  /** Parsed JSON bodies of every request received, in order. */
  requests: Array<Record<string, unknown>>;
  script(...steps: StubStep[]): void;
  /** From now on every request is left unanswered, scripted or not (an endpoint that hangs). */
  hangAll(): void;
  close(): Promise<void>;
}

function completion(content: string, model: unknown, usage = { prompt_tokens: 42, completion_tokens: 7 }): unknown {
  return {
    id: `chatcmpl-stub-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' ? model : 'stub-model',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startOpenAiStub(): Promise<StubServer> {
  const steps: StubStep[] = [];
  const requests: Array<Record<string, unknown>> = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let hanging = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // keep {}: the test inspects what was sent
      }
      requests.push(body);
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return send(res, 404, { error: { message: 'not found' } });
      if (hanging) return; // never answers; the socket is destroyed on close()
      const step = steps.shift();
      if (!step) return send(res, 500, { error: { message: 'stub: no scripted response left', type: 'server_error' } });
      if ('hang' in step) return; // never answers; the socket is destroyed on close()
      if ('raw' in step) return send(res, 200, step.raw);
      if ('status' in step) return send(res, step.status, step.body ?? { error: { message: `stub ${step.status}`, type: 'server_error' } }, step.headers);
      if (!step.delayMs) return send(res, 200, completion(step.content, body.model, step.usage));
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(res, 200, completion(step.content, body.model, step.usage));
      }, step.delayMs);
      timers.add(timer);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...s) => void steps.push(...s),
    hangAll: () => {
      hanging = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

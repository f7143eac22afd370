// How long an emergency answer takes when the LLM endpoint never answers: the real app (sources,
// in-memory engine) on 127.0.0.1 with OPENAI_BASE_URL pointed at a local server that accepts every
// request and never replies. Prints, per channel, when the emergency reply became readable and when
// the HTTP request that carried the patient's message was answered.
// Run: npx tsx bench/emergency-latency.ts   (LLM_TIMEOUT_MS defaults to 8000 as in production)
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Writable } from 'node:stream';
import twilio from 'twilio';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/env';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createServices } from '../src/services';
import { MemoryStore } from '../src/store/memory-engine';

const EMERGENCY = 'I have crushing chest pain and I can hardly breathe';
const PUBLIC_URL = 'https://clinic.example.org';
const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Accepts every request, reads it, never answers. */
async function hangingLlm(): Promise<{ baseURL: string; requests: () => number; close: () => void }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req) => {
    count++;
    req.resume();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const url = await listen(server);
  return {
    baseURL: `${url}/v1`,
    requests: () => count,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function webChat(base: string): Promise<{ readable: number; answered: number }> {
  const token = ((await (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string }).token;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const conv = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as { conversationId: string };
  const url = `${base}/v3/directline/conversations/${conv.conversationId}/activities`;
  const started = Date.now();
  let answered = 0;
  const posting = fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', from: { id: 'p' }, text: EMERGENCY, locale: 'en' }) }).then(() => {
    answered = Date.now() - started;
  });
  let readable = 0;
  while (!readable) {
    const got = (await (await fetch(url, { headers: auth })).json()) as { activities: Array<{ channelData?: { triage?: { disposition?: string } } }> };
    if (got.activities.some((a) => a.channelData?.triage?.disposition === 'emergency')) readable = Date.now() - started;
    else await new Promise((r) => setTimeout(r, 25));
  }
  await posting;
  return { readable, answered };
}

async function sms(base: string): Promise<{ answered: number; hasMessage: boolean }> {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const params = { MessageSid: sid, From: '+15550001234', To: '+15550000100', Body: EMERGENCY };
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/api/sms`, params);
  const started = Date.now();
  const res = await fetch(`${base}/api/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
  const body = await res.text();
  return { answered: Date.now() - started, hasMessage: body.includes('<Message>') };
}

async function main(): Promise<void> {
  const llm = await hangingLlm();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_KEY: randomBytes(32).toString('base64'),
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_API_KEY: 'bench',
    LLM_TIMEOUT_MS: process.env.LLM_TIMEOUT_MS ?? '8000',
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: '+15550000100',
    PUBLIC_URL,
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
  const services = createServices({ config, logger, store: new MemoryStore(), metrics: createMetrics(false) });
  await services.store.init();
  const server = createApp(services).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const web = await webChat(base);
  const text = await sms(base);
  process.stdout.write(
    [
      `LLM endpoint: never answers (LLM_TIMEOUT_MS=${config.llm?.timeoutMs}); requests it received: ${llm.requests()}`,
      `web chat: emergency reply readable after ${seconds(web.readable)}, POST answered after ${seconds(web.answered)}`,
      `SMS: TwiML answered after ${seconds(text.answered)}${text.hasMessage ? ' with the reply' : ' WITHOUT a message'}`,
      '',
    ].join('\n'),
  );
  server.closeAllConnections();
  server.close();
  llm.close();
  // Work left after the replies (a handover note waiting for the LLM) is not this script's business.
  process.exit(0);
}

void main();

// A local fake of Twilio's REST endpoint on 127.0.0.1 (Twilio's API lies off this machine): it
// answers "create message" like the real API, and records what the real twilio client sent.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TWILIO_ENV } from './sms-helpers';

export interface FakeRequest {
  path: string;
  authorization?: string;
  form: URLSearchParams;
}

export interface FakeTwilio {
  url: string;
  requests: FakeRequest[];
  /** Set to make it answer with a Twilio error. */
  reject?: { status: number; code: number };
  close(): Promise<void>;
}

/** Answers Twilio's "create message" like the real API; `reject` makes it answer with a Twilio error. */
export async function startFakeTwilio(): Promise<FakeTwilio> {
  const requests: FakeRequest[] = [];
  const state: { reject?: { status: number; code: number } } = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization, form });
      res.setHeader('content-type', 'application/json');
      if (state.reject) {
        res.writeHead(state.reject.status).end(JSON.stringify({ code: state.reject.code, message: 'refused', status: state.reject.status }));
        return;
      }
      const sid = `SM${randomBytes(16).toString('hex')}`;
      res.writeHead(201).end(JSON.stringify({ sid, status: 'queued', to: form.get('To'), from: form.get('From'), body: form.get('Body'), account_sid: TWILIO_ENV.TWILIO_ACCOUNT_SID }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get reject() {
      return state.reject;
    },
    set reject(v) {
      state.reject = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}


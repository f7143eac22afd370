// A stand-in for the Bot Framework channel service on 127.0.0.1: it receives the bot's replies
// (POST /v3/conversations/{id}/activities[/{replyToId}]) the way Teams' service would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  url: string;
  authorization?: string;
  body: {
    type: string;
    text?: string;
    replyToId?: string;
    channelData?: { prompt?: { kind: string; id: string }; triage?: { disposition: string; caseId: string }; clinicStaff?: boolean };
    suggestedActions?: { actions: Array<{ title: string; value: string }> };
    attachments?: Array<{ contentType: string; content: { type: string; body: Array<{ type: string; style?: string }>; actions: Array<{ url: string }> } }>;
  };
}

export interface ServiceUrlServer {
  url: string;
  received: ReceivedActivity[];
  /** When true, every request fails with 500 (a channel outage). */
  failing: boolean;
  close(): Promise<void>;
}

export async function startServiceUrlServer(): Promise<ServiceUrlServer> {
  const received: ReceivedActivity[] = [];
  let n = 0;
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.failing) {
        res.writeHead(500).end();
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ url: req.url ?? '', authorization: req.headers.authorization, body: text ? JSON.parse(text) : {} });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${++n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

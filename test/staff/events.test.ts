// Live updates over Server-Sent Events, including a case written by another instance sharing the
// store (as several instances share one MongoDB) and the stream ending with the session.
import http from 'node:http';
import express from 'express';
import request from 'supertest';
import { errorHandler, notFoundHandler } from '../../src/http/errors';
import type { Services } from '../../src/services';
import { staffRoutes } from '../../src/staff/routes';
import { MemoryStore } from '../../src/store/memory-engine';
import { listen, type Listening } from '../helpers/browser';
import { buildTestApp } from '../helpers/test-services';
import { NURSE, buildStaffApp, caseConversation, seedCase } from './helpers';

interface SseEvent {
  event: string;
  data: unknown;
}

/** The app with a fast feed, so tests wait milliseconds rather than seconds. */
function fastApp(services: Services, heartbeatMs = 60_000): express.Express {
  const app = express();
  app.use(express.json());
  app.use(staffRoutes(services, { feed: { pollMs: 50 }, heartbeatMs }));
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return app;
}

async function loginCookie(app: express.Express): Promise<string> {
  const res = await request(app).post('/api/staff/login').send(NURSE).expect(200);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

class EventStream {
  readonly events: SseEvent[] = [];
  ended = false;
  private req?: http.ClientRequest;
  private buffer = '';

  open(url: string, cookie: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.req = http.get(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk));
        res.on('end', () => (this.ended = true));
        resolve(res.statusCode ?? 0);
      });
      this.req.on('error', reject);
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event) this.events.push({ event, data: data ? JSON.parse(data) : null });
    }
  }

  async waitFor(predicate: (e: SseEvent) => boolean, ms = 5000): Promise<SseEvent> {
    const until = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(predicate);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no matching event; got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): void {
    this.req?.destroy();
  }
}

describe('GET /api/staff/events', () => {
  let server: Listening | undefined;
  let stream: EventStream | undefined;

  afterEach(async () => {
    stream?.close();
    await server?.close();
    server = undefined;
  });

  it('401 without a session', async () => {
    const ctx = await buildStaffApp();
    await request(ctx.app).get('/api/staff/events').expect(401);
  });

  it('streams a new case and its changes as they happen', async () => {
    const ctx = await buildStaffApp();
    const app = fastApp(ctx.services);
    server = await listen(app);
    stream = new EventStream();
    expect(await stream.open(`${server.url}/api/staff/events`, await loginCookie(app))).toBe(200);
    await stream.waitFor((e) => e.event === 'ready');
    const id = await seedCase(ctx);
    const created = await stream.waitFor((e) => e.event === 'case' && (e.data as { id: string }).id === id);
    expect(created.data).toMatchObject({ id, disposition: 'emergency', status: 'open' });
    // Summaries only: nothing the patient wrote travels on the stream.
    expect(JSON.stringify(stream.events)).not.toMatch(/drooping/);
    const nurse = await ctx.services.repos.staff.users.findByEmail(NURSE.email);
    await ctx.services.repos.cases.claim(id, nurse!._id);
    await stream.waitFor((e) => e.event === 'case' && (e.data as { status: string }).status === 'claimed');
  });

  it('sees a case written by another instance sharing the store, and activity in held conversations', async () => {
    const store = new MemoryStore();
    const a = await buildStaffApp({ store });
    const b = buildTestApp({ store });
    const app = fastApp(a.services);
    server = await listen(app);
    stream = new EventStream();
    await stream.open(`${server.url}/api/staff/events`, await loginCookie(app));
    await stream.waitFor((e) => e.event === 'ready');
    const id = await seedCase(b);
    await stream.waitFor((e) => e.event === 'case' && (e.data as { id: string }).id === id);
    const nurse = await b.services.repos.staff.users.findByEmail(NURSE.email);
    await b.services.repos.cases.claim(id, nurse!._id);
    await b.services.repos.conversations.setHandoff(await caseConversation(b, id), { caseId: id, staffId: nurse!._id, since: new Date() });
    await new Promise((r) => setTimeout(r, 20));
    // The patient writes again (any instance): the console is told to reload the open case.
    await b.services.repos.conversations.touch(await caseConversation(b, id), 'webchat');
    await stream.waitFor((e) => e.event === 'activity' && (e.data as { caseId: string }).caseId === id);
  });

  it('ends the stream when the session ends, and stops polling when nobody listens', async () => {
    const ctx = await buildStaffApp();
    const app = fastApp(ctx.services, 50);
    server = await listen(app);
    const cookie = await loginCookie(app);
    stream = new EventStream();
    await stream.open(`${server.url}/api/staff/events`, cookie);
    await stream.waitFor((e) => e.event === 'ready');
    await request(app).post('/api/staff/logout').set('Cookie', cookie).set('X-CSRF-Token', (await request(app).get('/api/staff/session').set('Cookie', cookie)).body.csrfToken).expect(204);
    await stream.waitFor((e) => e.event === 'session-ended');
    const until = Date.now() + 2000;
    while (!stream.ended && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(stream.ended).toBe(true);
  });
});

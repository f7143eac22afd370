// An emergency answer never waits for the LLM, and no patient turn waits for it longer than the
// turn budget: a real ChatOpenAI against a local OpenAI-compatible server on 127.0.0.1 that accepts
// every request and never answers, through the real routes of every channel (web chat's Direct
// Line, Twilio's signed webhook, Bot Framework's /api/messages), security on.
import request from 'supertest';
import { createTwilioSmsClient } from '../../src/channels/sms/twilio-client';
import type { Collection, CollectionDef, Store } from '../../src/store/collection';
import { MemoryStore } from '../../src/store/memory-engine';
import { message, openConversation, post, get, type Opened } from '../directline/helpers';
import { startOpenAiStub, type StubServer } from '../helpers/openai-stub-server';
import { buildTestApp, type TestContext } from '../helpers/test-services';
import { startFakeTwilio, type FakeTwilio } from '../sms/fake-twilio';
import { inboundParams, messageText, postSigned, TWILIO_ENV } from '../sms/sms-helpers';

const EMERGENCY = 'I have crushing chest pain and I can hardly breathe';
const CRISIS = 'I am going to kill myself tonight';
/** Not an emergency, long enough for the LLM's finding extraction once consent is given. */
const ORDINARY = 'I have had a bad headache since this morning';
/** The functional requirement: the emergency reply is there within a second, whatever the LLM does. */
const EMERGENCY_WITHIN_MS = 1000;

interface Activity {
  text?: string;
  from: { role: string };
  channelData?: { triage?: { disposition: string; caseId: string }; prompt?: { kind: string } };
  suggestedActions?: { actions: Array<{ value: string }> };
}

async function timed<T>(work: () => PromiseLike<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

function llmEnv(stub: StubServer, extra: Record<string, string> = {}): Record<string, string> {
  // LLM_TIMEOUT_MS stays at its production default (8 s): the budget, not the timeout, must bound the wait.
  return { OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: 'test-key', ...TWILIO_ENV, ...extra };
}

async function activities(ctx: TestContext, c: Opened): Promise<Activity[]> {
  return ((await get(ctx.app, c).expect(200)).body as { activities: Activity[] }).activities;
}

/** Web chat up to the first question after consent, so the next message goes to the LLM's extraction. */
async function consentedConversation(ctx: TestContext): Promise<Opened> {
  const c = await openConversation(ctx.app);
  await post(ctx.app, c, message('hello')).expect(200);
  const consent = (await activities(ctx, c)).find((a) => a.channelData?.prompt?.kind === 'consent');
  await post(ctx.app, c, message(consent!.suggestedActions!.actions[0]!.value)).expect(200);
  return c;
}

function teamsActivity(text: string, id: string, conversation = 'a:1budget-conversation'): Record<string, unknown> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-1' },
    from: { id: '29:patient-budget', name: 'Pat' },
    recipient: { id: '28:clinic-bot', name: 'Clinic Assistant' },
    locale: 'en-US',
    text,
  };
}

/** One turn through every channel first: the timings below are of a running service, not of loading its modules. */
beforeAll(async () => {
  const warm = buildTestApp({ env: TWILIO_ENV });
  const c = await openConversation(warm.app);
  await post(warm.app, c, message(EMERGENCY)).expect(200);
  await postSigned(warm.app, '/api/sms', inboundParams('+15550001000', EMERGENCY)).expect(200);
  await request(warm.app).post('/api/messages').send(teamsActivity(EMERGENCY, 'warm-1', 'a:1warm-up')).expect(200);
});

describe('an LLM endpoint that never answers', () => {
  let stub: StubServer;
  let ctx: TestContext;

  beforeEach(async () => {
    stub = await startOpenAiStub();
    stub.hangAll();
  });
  afterEach(async () => {
    await stub.close();
    await ctx.services.afterTurn.drain(10_000);
  });

  it('web chat: the emergency reply is readable within 1 s of the POST, which has answered by then', async () => {
    ctx = buildTestApp({ env: llmEnv(stub) });
    const c = await openConversation(ctx.app);
    const { ms } = await timed(() => post(ctx.app, c, message(EMERGENCY)).expect(200));
    const outcome = (await activities(ctx, c)).find((a) => a.channelData?.triage);
    expect(ms).toBeLessThan(EMERGENCY_WITHIN_MS);
    expect(outcome?.channelData?.triage?.disposition).toBe('emergency');
    expect(outcome?.text).toContain(ctx.services.clinic.emergencyNumber);
  });

  it('web chat: a crisis answer (with the crisis line) likewise', async () => {
    ctx = buildTestApp({ env: llmEnv(stub) });
    const c = await consentedConversation(ctx);
    const { ms } = await timed(() => post(ctx.app, c, message(CRISIS)).expect(200));
    const outcome = (await activities(ctx, c)).find((a) => a.channelData?.triage);
    expect(ms).toBeLessThan(EMERGENCY_WITHIN_MS);
    expect(outcome?.channelData?.triage?.disposition).toBe('emergency');
    expect(outcome?.text).toContain(ctx.services.clinic.crisisLine);
  });

  it('SMS: the TwiML carries the emergency answer within 1 s', async () => {
    ctx = buildTestApp({ env: llmEnv(stub) });
    const { value: res, ms } = await timed(() => postSigned(ctx.app, '/api/sms', inboundParams('+15550001001', EMERGENCY)).expect(200));
    expect(ms).toBeLessThan(EMERGENCY_WITHIN_MS);
    expect(messageText(res.text)).toContain(ctx.services.clinic.emergencyNumber);
  });

  it('Teams: the emergency reply comes back within 1 s', async () => {
    ctx = buildTestApp({ env: llmEnv(stub) });
    const { value: res, ms } = await timed(() => request(ctx.app).post('/api/messages').send(teamsActivity(EMERGENCY, 'm-1')).expect(200));
    expect(ms).toBeLessThan(EMERGENCY_WITHIN_MS);
    const replies = (res.body as { activities: Activity[] }).activities;
    expect(replies.find((a) => a.channelData?.triage)?.channelData?.triage?.disposition).toBe('emergency');
  });

  describe('a turn that asks the LLM is answered within the turn budget', () => {
    const BUDGET_MS = 3000;

    it('web chat', async () => {
      ctx = buildTestApp({ env: llmEnv(stub, { TURN_BUDGET_MS: String(BUDGET_MS) }) });
      const c = await consentedConversation(ctx);
      const { ms } = await timed(() => post(ctx.app, c, message(ORDINARY)).expect(200));
      expect(stub.requests.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(BUDGET_MS);
      const last = (await activities(ctx, c)).at(-1);
      expect(last?.from.role).toBe('bot');
    });

    it('SMS', async () => {
      ctx = buildTestApp({ env: llmEnv(stub, { TURN_BUDGET_MS: String(BUDGET_MS) }) });
      const phone = '+15550001002';
      const first = messageText((await postSigned(ctx.app, '/api/sms', inboundParams(phone, 'hello')).expect(200)).text);
      expect(first).toMatch(/\n1\. /);
      await postSigned(ctx.app, '/api/sms', inboundParams(phone, '1')).expect(200);
      const { value: res, ms } = await timed(() => postSigned(ctx.app, '/api/sms', inboundParams(phone, ORDINARY)).expect(200));
      expect(stub.requests.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(BUDGET_MS);
      expect(messageText(res.text)).not.toBe('');
    });

    it('Teams', async () => {
      ctx = buildTestApp({ env: llmEnv(stub, { TURN_BUDGET_MS: String(BUDGET_MS) }) });
      const first = (await request(ctx.app).post('/api/messages').send(teamsActivity('hello', 't-1', 'a:1budget-teams')).expect(200)).body as { activities: Activity[] };
      const consent = first.activities.find((a) => a.channelData?.prompt?.kind === 'consent');
      await request(ctx.app).post('/api/messages').send(teamsActivity(consent!.suggestedActions!.actions[0]!.value, 't-2', 'a:1budget-teams')).expect(200);
      const { ms } = await timed(() => request(ctx.app).post('/api/messages').send(teamsActivity(ORDINARY, 't-3', 'a:1budget-teams')).expect(200));
      expect(stub.requests.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(BUDGET_MS);
    });
  });
});

describe('work after the reply', () => {
  let stub: StubServer;
  let ctx: TestContext;
  afterEach(() => stub.close());

  it('writes the LLM handover note after the emergency reply is out, without holding the POST', async () => {
    stub = await startOpenAiStub();
    const note = 'Situation: EMERGENCY, crushing chest pain and trouble breathing.\nBackground: none recorded.\nAssessment: emergency [redflag] chest pain.\nRecommendation: confirm the patient called emergency services.';
    stub.script({ content: note, delayMs: 1500 });
    ctx = buildTestApp({ env: llmEnv(stub) });
    const c = await openConversation(ctx.app);
    const { ms } = await timed(() => post(ctx.app, c, message(EMERGENCY)).expect(200));
    expect(ms).toBeLessThan(EMERGENCY_WITHIN_MS);
    const caseId = (await activities(ctx, c)).find((a) => a.channelData?.triage)!.channelData!.triage!.caseId;
    expect((await ctx.services.repos.cases.get(caseId))?.handoverSource).toBe('template');

    expect(await ctx.services.afterTurn.drain(10_000)).toBe(true);
    const written = await ctx.services.repos.cases.get(caseId);
    expect(written?.handoverSource).toBe('llm');
    expect(ctx.services.repos.cases.handoverNote(written!)).toContain('Recommendation');
  });
});

/** The in-memory store, with the conversations collection held shut while `gate` is set: a slow database. */
class SlowConversationsStore implements Store {
  readonly engine = 'memory' as const;
  gate?: Promise<void>;
  private readonly inner = new MemoryStore();

  collection<T extends { _id: string }>(def: CollectionDef<T>): Collection<T> {
    const c = this.inner.collection(def);
    if (def.name !== 'conversations') return c;
    return new Proxy(c, {
      get: (target, prop, receiver): unknown => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (this.gate) await this.gate;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  init(): Promise<void> {
    return this.inner.init();
  }
  ping(): Promise<boolean> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('an SMS turn that outlasts the webhook budget', () => {
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(() => twilio.close());

  it('answers Twilio within the budget and sends the text through the REST API when the turn ends', async () => {
    const BUDGET_MS = 2000;
    const smsClient = createTwilioSmsClient({ accountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID, authToken: TWILIO_ENV.TWILIO_AUTH_TOKEN, fromNumber: TWILIO_ENV.TWILIO_FROM_NUMBER }, { apiBaseUrl: twilio.url });
    const store = new SlowConversationsStore();
    const ctx = buildTestApp({ env: { ...TWILIO_ENV, TURN_BUDGET_MS: String(BUDGET_MS) }, smsClient, store });
    const phone = '+15550001003';
    let open: () => void = () => undefined;
    store.gate = new Promise<void>((resolve) => (open = resolve));

    const { value: res, ms } = await timed(() => postSigned(ctx.app, '/api/sms', inboundParams(phone, EMERGENCY)).expect(200));
    // The budget, plus what answering takes on a busy test machine: far inside Twilio's 15 s.
    expect(ms).toBeLessThan(BUDGET_MS + 1500);
    expect(messageText(res.text)).toBe('');
    store.gate = undefined;
    open();

    expect(await ctx.services.afterTurn.drain(10_000)).toBe(true);
    const sent = twilio.requests.filter((r) => r.form.get('To') === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.form.get('Body')).toContain(ctx.services.clinic.emergencyNumber);
  });
});

// A real ChatOpenAI (configuration.baseURL) against the local OpenAI-compatible stub on 127.0.0.1.
import { Registry } from 'prom-client';
import { createLlmGateway, type LlmGateway } from '../../src/llm/gateway';
import { startOpenAiStub, type StubServer } from '../helpers/openai-stub-server';
import { budget, silent } from './fakes';

const EMERGENCY = 'Call 911 now. Do not drive yourself to the clinic.';
let stub: StubServer;
let registry: Registry;
let gw: LlmGateway;

beforeEach(async () => {
  stub = await startOpenAiStub();
  registry = new Registry();
  const created = createLlmGateway({
    config: { apiKey: 'test-key', baseUrl: stub.baseURL, model: 'gpt-4o-mini', timeoutMs: 1500 },
    logger: silent,
    registry,
    emergencyNumber: '911',
    tuning: { baseDelayMs: 30, breakerThreshold: 50 },
  });
  if (!created) throw new Error('gateway expected');
  gw = created;
});
afterEach(() => stub.close());

const metric = async (name: string): Promise<string> => (await registry.getSingleMetricAsString(name)) ?? '';

test('a normal answer is phrased, checked and counted with its tokens', async () => {
  stub.script({ content: 'Please call 911 now. Do not drive yourself to the clinic; help will come to you.', usage: { prompt_tokens: 120, completion_tokens: 20 } });
  const out = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'emergency', mustKeep: ['911'] }, budget());
  expect(out.text).toContain('help will come to you');
  expect(out.events.map((e) => `${e.guard}:${e.action}`)).toEqual(['output:passed']);
  expect(stub.requests).toHaveLength(1);
  const sent = stub.requests[0] as { model: string; messages: Array<{ role: string; content: string }> };
  expect(sent.model).toBe('gpt-4o-mini');
  expect(sent.messages[0]?.role).toBe('system');
  expect(sent.messages[1]?.content).toBe(EMERGENCY);
  expect(await metric('llm_tokens_total')).toMatch(/llm_tokens_total\{chain="phrasing",kind="prompt"\} 120/);
  expect(await metric('llm_calls_total')).toMatch(/llm_calls_total\{chain="phrasing",outcome="ok"\} 1/);
});

test('structured output goes out as a json_schema response format and comes back filtered', async () => {
  stub.script({ content: JSON.stringify({ findings: [{ id: 'fever', present: true, quote: 'high fever' }, { id: 'made_up', present: true, quote: 'high fever' }, { id: 'cough', present: false }] }) });
  const out = await gw.extractFindings({ text: 'I have had a high fever since yesterday', lang: 'en', knownFindingIds: [], allowedFindingIds: ['fever', 'cough'] }, budget());
  expect(out.findings).toEqual([{ id: 'fever', present: true, evidence: 'high fever' }]);
  const format = (stub.requests[0] as { response_format?: { type: string; json_schema?: { name: string; schema: unknown } } }).response_format;
  expect(format?.type).toBe('json_schema');
  expect(format?.json_schema?.name).toBe('findings');
  expect(JSON.stringify(format?.json_schema?.schema)).toContain('present');
});

test('a 429 is retried with backoff and the second answer is used', async () => {
  stub.script({ status: 429, headers: { 'retry-after': '0' } }, { content: 'Please call 911 now. Do not drive yourself to the clinic.' });
  const out = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'emergency', mustKeep: ['911'] }, budget());
  expect(stub.requests).toHaveLength(2);
  expect(out.events.map((e) => e.guard)).toEqual(['output']);
});

test('a 500 that persists ends in the deterministic reply and a recorded fallback', async () => {
  stub.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  const out = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'emergency', mustKeep: ['911'] }, budget());
  expect(out.text).toBe(EMERGENCY);
  expect(out.events).toEqual([expect.objectContaining({ guard: 'llm_call', action: 'fallback', reason: 'http_500' })]);
  expect(stub.requests.length).toBe(3); // first attempt + maxRetries (2), no client-side retries on top
});

test('a server that hangs past the timeout: deterministic reply within the timeout', async () => {
  stub.script({ hang: true });
  const started = Date.now();
  const out = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'emergency', mustKeep: ['911'] }, budget());
  expect(Date.now() - started).toBeLessThan(1500 + 300);
  expect(out.text).toBe(EMERGENCY);
  expect(out.events).toEqual([expect.objectContaining({ guard: 'llm_call', action: 'fallback', reason: 'timeout' })]);
});

test('malformed JSON for structured output: no findings, a schema event, no retry', async () => {
  stub.script({ content: '{"findings": [ {"id": "fever", "present": tru' });
  const out = await gw.extractFindings({ text: 'I have a fever', lang: 'en', knownFindingIds: [], allowedFindingIds: ['fever'] }, budget());
  expect(out.findings).toEqual([]);
  expect(out.events).toEqual([expect.objectContaining({ guard: 'output_schema', action: 'fallback' })]);
  expect(stub.requests).toHaveLength(1);
});

test('a malformed HTTP body (not JSON at all) falls back too', async () => {
  stub.script({ raw: '<html>bad gateway</html>' });
  const out = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'emergency', mustKeep: ['911'] }, budget());
  expect(out.text).toBe(EMERGENCY);
  expect(out.events[0]?.action).toBe('fallback');
});

test("a call gets only what is left of the patient's turn, and none when too little is left", async () => {
  stub.hangAll();
  const started = Date.now();
  const cut = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'urgent', mustKeep: ['911'] }, { used: false, deadline: Date.now() + 400 });
  expect(Date.now() - started).toBeLessThan(1500);
  expect(cut.text).toBe(EMERGENCY);
  expect(cut.events).toEqual([expect.objectContaining({ guard: 'llm_call', action: 'fallback', reason: 'timeout' })]);
  expect(stub.requests).toHaveLength(1);

  const spent = await gw.phraseReply({ text: EMERGENCY, lang: 'en', disposition: 'urgent', mustKeep: ['911'] }, { used: false, deadline: Date.now() + 50 });
  expect(spent.text).toBe(EMERGENCY);
  expect(spent.events).toEqual([expect.objectContaining({ guard: 'turn_budget', action: 'fallback', reason: 'turn_budget_spent' })]);
  expect(stub.requests).toHaveLength(1);
});

// The bench's load generator: keep-alive HTTP, and patients that walk through whole triage
// conversations over the Direct Line routes, each from its own address (the RFC 2544 benchmark
// range, sent as X-Forwarded-For, which the app trusts from loopback), as real patients do.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let ipCounter = 0;
/** 198.18.0.0/15 is reserved for benchmarks: one address per simulated patient. */
export function nextPatientIp(): string {
  const n = ipCounter++;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

const COMPLAINTS = [
  'I have had a sore throat and a mild fever since yesterday',
  'My lower back hurts since I lifted heavy boxes',
  'I have an itchy rash on my arm',
  "I have crushing chest pain spreading to my left arm and I'm sweating",
  'I have had a headache since this morning',
  'I have been coughing for three days',
];

interface Activity {
  type: string;
  from: { role: string };
  text?: string;
  suggestedActions?: { actions?: Array<{ value?: unknown; title?: string }> };
  channelData?: { prompt?: { kind: string; id?: string }; triage?: unknown };
}

/** What a patient would answer the bot's last message with; undefined ends the conversation. */
function answer(last: Activity | undefined, turn: number, complaint: string, maxTurns: number): string | undefined {
  if (!last || last.channelData?.triage || turn >= maxTurns) return undefined;
  const kind = last.channelData?.prompt?.kind;
  // The emergency screen: none of these (the crushing chest pain ends as an emergency before it);
  // the list of main problems: the patient's own words.
  const id = last.channelData?.prompt?.id ?? '';
  if (id.startsWith('screen')) return '0';
  if (id === 'problem') return complaint;
  const first = last.suggestedActions?.actions?.[0];
  const firstValue = typeof first?.value === 'string' ? first.value : first?.title;
  switch (kind) {
    case 'text':
      return complaint;
    case 'number':
      return '4';
    case 'date':
      return 'today';
    case undefined:
      return undefined;
    default:
      return firstValue ?? 'yes';
  }
}

export type Timed = (ms: number) => void;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One patient: a whole conversation, every turn (POST + GET) timed. `thinkMs` is how long the patient
 * takes to answer (0: at once, which measures the most the server can do).
 */
export async function patientConversation(base: string, seq: number, deadline: number, record: Timed, maxTurns = 12, thinkMs = 0): Promise<void> {
  // Paced patients arrive at random moments, not all at once.
  if (thinkMs > 0) await pause(Math.random() * thinkMs);
  const ip = nextPatientIp();
  const gen = await call(base, 'POST', '/v3/directline/tokens/generate', undefined, { 'x-forwarded-for': ip });
  if (gen.status !== 200) throw new Error(`generate: ${gen.status}`);
  const auth = { authorization: `Bearer ${String(gen.body.token)}`, 'x-forwarded-for': ip };
  const conv = await call(base, 'POST', '/v3/directline/conversations', undefined, auth);
  const id = String(conv.body.conversationId);
  let watermark = '';
  let activity: Record<string, unknown> = { type: 'event', name: 'startConversation', from: { id: `p${seq}` }, locale: 'en' };
  const complaint = COMPLAINTS[seq % COMPLAINTS.length]!;
  for (let turn = 0; Date.now() < deadline; turn++) {
    const started = performance.now();
    const posted = await call(base, 'POST', `/v3/directline/conversations/${id}/activities`, { ...activity, channelData: { clientActivityID: `c${seq}-${turn}` } }, auth);
    if (posted.status !== 200) throw new Error(`post: ${posted.status} ${JSON.stringify(posted.body)}`);
    const got = await call(base, 'GET', `/v3/directline/conversations/${id}/activities?watermark=${watermark}`, undefined, auth);
    record(performance.now() - started);
    watermark = String(got.body.watermark);
    const bot = (got.body.activities as Activity[]).filter((a) => a.from.role === 'bot' && a.type === 'message');
    const next = answer(bot.at(-1), turn, complaint, maxTurns);
    if (next === undefined) return;
    activity = { type: 'message', from: { id: `p${seq}` }, text: next };
    // Patients do not answer in step: each pause is between half and one and a half think times.
    if (thinkMs > 0) await pause(thinkMs * (0.5 + Math.random()));
  }
}

/** The yardstick: the same two requests per turn against the bare echo. */
export async function echoTurns(base: string, seq: number, deadline: number, record: Timed): Promise<void> {
  for (let turn = 0; Date.now() < deadline; turn++) {
    const started = performance.now();
    await call(base, 'POST', '/echo', { type: 'message', from: { id: `p${seq}` }, text: COMPLAINTS[turn % COMPLAINTS.length], channelData: { clientActivityID: `c${seq}-${turn}` } });
    await call(base, 'GET', `/echo?watermark=${turn}`);
    record(performance.now() - started);
  }
}

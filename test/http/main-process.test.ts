// The real process: invalid configuration and an unreachable MongoDB end it non-zero with a clear
// message; on the embedded default it serves, warns once, and drains on SIGTERM.
import { spawn } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startOpenAiStub } from '../helpers/openai-stub-server';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

interface Proc {
  stdout: string;
  stderr: string;
  code: number | null;
  exited: Promise<number | null>;
  kill: () => void;
}

function start(env: Record<string, string>): Proc {
  const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  const proc: Proc = {
    stdout: '',
    stderr: '',
    code: null,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve((proc.code = code)))),
    kill: () => void child.kill('SIGTERM'),
  };
  child.stdout.on('data', (d: Buffer) => (proc.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (proc.stderr += d.toString()));
  return proc;
}

// Generous: the whole test suite shares two cores, and the process loads every channel's libraries.
async function waitFor(proc: Proc, pattern: RegExp, ms = 90000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(proc.stdout)) {
    if (proc.code !== null || Date.now() > deadline) throw new Error(`process did not print ${String(pattern)}: ${proc.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('main process', () => {
  it('exits non-zero listing every configuration problem', async () => {
    const r = start({ PORT: 'x', DATA_KEY: 'short', MONGODB_URI: 'http://nope' });
    expect(await r.exited).toBe(2);
    for (const name of ['PORT', 'DATA_KEY', 'MONGODB_URI']) expect(r.stderr).toContain(name);
  });

  it('refuses to start in production without MONGODB_URI unless STORE=memory asks for it', async () => {
    const key = 'Jm2u0dD4Kx0lcY0g3qJ8q3l1o7x2bYkz9hV6m5rN1aE=';
    const refused = start({ NODE_ENV: 'production', DATA_KEY: key, PORT: '0', HOST: '127.0.0.1' });
    expect(await refused.exited).toBe(2);
    expect(refused.stderr).toMatch(/MONGODB_URI: is required when NODE_ENV=production/);
    const asked = start({ NODE_ENV: 'production', DATA_KEY: key, STORE: 'memory', PORT: '0', HOST: '127.0.0.1' });
    try {
      await waitFor(asked, /"msg":"listening"/);
      expect(asked.stdout).toMatch(/STORE=memory: using the in-memory store; data will not survive a restart/);
    } finally {
      asked.kill();
      await asked.exited;
    }
  }, 120000);

  it('exits non-zero when MONGODB_URI is set but unreachable, never falling back', async () => {
    const r = start({ MONGODB_URI: 'mongodb://127.0.0.1:1/triage', PORT: '0' });
    expect(await r.exited).toBe(3);
    expect(r.stderr).toMatch(/MONGODB_URI is set but MongoDB cannot be reached/);
  });

  it('exits non-zero with the reason when the port is in use, never logging "listening"', async () => {
    const busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const r = start({ PORT: String((busy.address() as AddressInfo).port), HOST: '127.0.0.1' });
      expect(await r.exited).toBe(4);
      expect(r.stdout).toMatch(/cannot listen on 127\.0\.0\.1:\d+: the port is already in use/);
      expect(r.stdout).not.toContain('"msg":"listening"');
    } finally {
      busy.close();
    }
  }, 60000);

  it('exits non-zero when HOST is not an address of this machine', async () => {
    const r = start({ PORT: '0', HOST: 'no-such-host.invalid' });
    expect(await r.exited).toBe(4);
    expect(r.stdout).toMatch(/cannot listen on no-such-host\.invalid:0: HOST is not an address of this machine/);
    expect(r.stdout).not.toContain('"msg":"listening"');
  }, 60000);

  it('serves on the embedded default with one warning line about the store, and stops on SIGTERM', async () => {
    // No mongod on this machine: straight to the in-memory store, no download attempt, JSON lines only.
    const r = start({ PORT: '0', HOST: '127.0.0.1' });
    await waitFor(r, /"msg":"listening"/);
    expect(r.stdout.split('\n').filter((l) => /data will not survive a restart/.test(l))).toHaveLength(1);
    expect(r.stdout).toContain('"engine":"memory"');
    for (const line of r.stdout.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(r.stderr).toBe('');
    r.kill();
    expect(await r.exited).toBe(0);
    expect(r.stdout).toContain('"msg":"stopped"');
  }, 120000);

  it('lets a turn in flight finish on SIGTERM, even one waiting for an LLM that never answers', async () => {
    const stub = await startOpenAiStub();
    stub.hangAll();
    // The LLM's own timeout is far past the old 10 s drain: only the turn budget bounds the wait.
    const r = start({ PORT: '0', HOST: '127.0.0.1', OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: 'k', LLM_TIMEOUT_MS: '30000', TURN_BUDGET_MS: '3000' });
    try {
      await waitFor(r, /"msg":"listening"/);
      const port = Number(/"port":(\d+)/.exec(r.stdout)?.[1]);
      const base = `http://127.0.0.1:${port}/v3/directline`;
      const call = async (path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> => {
        const res = await fetch(`${base}${path}`, { method: body === undefined && path.includes('activities') ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
        expect(res.status).toBe(200);
        return (await res.json()) as Record<string, unknown>;
      };
      const { token, conversationId } = (await call('/tokens/generate')) as { token: string; conversationId: string };
      const activities = `/conversations/${conversationId}/activities`;
      const say = (text: string): Promise<Record<string, unknown>> => call(activities, token, { type: 'message', from: { id: 'p' }, text, locale: 'en' });
      await say('hello');
      const shown = (await call(activities, token)) as { activities: Array<{ suggestedActions?: { actions: Array<{ value: string }> } }> };
      await say(shown.activities.find((a) => a.suggestedActions)!.suggestedActions!.actions[0]!.value);

      const inFlight = say('I have had a bad headache since this morning');
      while (stub.requests.length === 0) await new Promise((res) => setTimeout(res, 20));
      r.kill();
      expect(await inFlight).toEqual({ id: expect.any(String) });
      expect(await r.exited).toBe(0);
    } finally {
      r.kill();
      await stub.close();
    }
  }, 120000);
});


// npm run bench: full triage turns (POST activity + GET activities) over the Direct Line routes of
// the real app on the in-memory engine, next to a bare Express JSON echo doing the same two
// requests, measured in the same run with the same client; 50 concurrent patients, bounded time.
// The kinds run in interleaved slices, so a neighbour's load on a shared machine hits all of them
// alike and the ratio stays fair. Prints throughput, p50/p99, the ratios, and memory per idle
// conversation. A benchmark, never a timed test.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { call, echoTurns, nextPatientIp, patientConversation, type Timed } from './client';
import type { ServerReady } from './server';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SLICE_SECONDS = 2;
const WARMUP_SECONDS = 1;
const IDLE_CONVERSATIONS = 1000;
/** BENCH_KINDS=echo,triage runs only those kinds (e.g. to profile one); default: all three. */
const KINDS = (process.env.BENCH_KINDS ?? 'echo,canned,triage').split(',');
/** How long a paced patient takes to answer: a quick typist on a phone; the real pause is longer. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 15);
/** The canned bot never ends a conversation; a patient's conversation is about this long. */
const MAX_CANNED_TURNS = 8;

type Worker = (seq: number, deadline: number, record: Timed) => Promise<void>;

interface Tally {
  latencies: number[];
  seconds: number;
  /** CPU time the server process spent during this kind's slices (all its threads: GC and JIT too). */
  serverCpuMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

let seq = 0;
async function slice(seconds: number, worker: Worker, into?: Tally): Promise<void> {
  const started = performance.now();
  const deadline = Date.now() + seconds * 1000;
  const record: Timed = (ms) => into?.latencies.push(ms);
  // Each of the concurrent patients starts a new conversation when the last one ended.
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < deadline) await worker(seq++, deadline, record);
  }));
  if (into) into.seconds += (performance.now() - started) / 1000;
}

function rate(t: Tally): number {
  return t.latencies.length / t.seconds;
}

function line(name: string, t: Tally): string {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const cpu = (t.serverCpuMs / sorted.length).toFixed(2);
  return `${name.padEnd(26)} ${rate(t).toFixed(0).padStart(7)} turns/s  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  server CPU ${cpu.padStart(6)} ms/turn  (${sorted.length} turns in ${t.seconds.toFixed(1)} s)`;
}

async function idleConversationBytes(appUrl: string, heap: () => Promise<number>): Promise<number> {
  // Started (disclosure and consent prompt stored), then left alone, as most visitors do.
  const before = await heap();
  for (let i = 0; i < IDLE_CONVERSATIONS; i += CONCURRENCY) {
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      const ip = nextPatientIp();
      const gen = await call(appUrl, 'POST', '/v3/directline/tokens/generate', undefined, { 'x-forwarded-for': ip });
      const auth = { authorization: `Bearer ${String(gen.body.token)}`, 'x-forwarded-for': ip };
      await call(appUrl, 'POST', '/v3/directline/conversations', undefined, auth);
      await call(appUrl, 'POST', `/v3/directline/conversations/${String(gen.body.conversationId)}/activities`, { type: 'event', name: 'startConversation', from: { id: 'idle' }, locale: 'en' }, auth);
    }));
  }
  return ((await heap()) - before) / IDLE_CONVERSATIONS;
}

async function main(): Promise<void> {
  // BENCH_CPU_PROF=file writes a V8 CPU profile of the server process during the measured slices
  // (open it in Chrome DevTools).
  const profileFile = process.env.BENCH_CPU_PROF;
  const child = fork(join(__dirname, 'server.ts'), [], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
  const { appUrl, transportUrl, echoUrl } = await next<ServerReady>();
  const serverCpuMs = async (): Promise<number> => {
    const reply = next<{ cpuMs: number }>();
    child.send({ cmd: 'cpu' });
    return (await reply).cpuMs;
  };
  const heap = async (): Promise<number> => {
    const reply = next<{ heap: number }>();
    child.send({ cmd: 'heap' });
    return (await reply).heap;
  };
  process.stdout.write(`bench: ${CONCURRENCY} concurrent conversations, ${SECONDS} s per kind in ${SLICE_SECONDS} s slices, Node ${process.version}; server in its own process\n`);
  const perIdle = await idleConversationBytes(appUrl, heap);

  const all: Array<{ id: string; name: string; worker: Worker; tally: Tally }> = [
    { id: 'echo', name: 'express JSON echo', worker: (s, d, r) => echoTurns(echoUrl, s, d, r), tally: { latencies: [], seconds: 0, serverCpuMs: 0 } },
    { id: 'canned', name: 'Direct Line, canned bot', worker: (s, d, r) => patientConversation(transportUrl, s, d, r, MAX_CANNED_TURNS), tally: { latencies: [], seconds: 0, serverCpuMs: 0 } },
    { id: 'triage', name: 'Direct Line triage turn', worker: (s, d, r) => patientConversation(appUrl, s, d, r), tally: { latencies: [], seconds: 0, serverCpuMs: 0 } },
  ];
  const kinds = all.filter((k) => KINDS.includes(k.id));
  for (const k of kinds) await slice(WARMUP_SECONDS, k.worker);
  if (profileFile) child.send({ cmd: 'profile-start' });
  for (let done = 0; done < SECONDS; done += SLICE_SECONDS) {
    for (const k of kinds) {
      const cpuBefore = await serverCpuMs();
      await slice(Math.min(SLICE_SECONDS, SECONDS - done), k.worker, k.tally);
      k.tally.serverCpuMs += (await serverCpuMs()) - cpuBefore;
    }
  }
  if (profileFile) {
    const written = next<{ profiled: string }>();
    child.send({ cmd: 'profile-stop', file: profileFile });
    process.stdout.write(`CPU profile of the measured slices: ${(await written).profiled}\n`);
  }
  const tally = (id: string): Tally | undefined => kinds.find((k) => k.id === id)?.tally;
  const [echo, canned, triage] = [tally('echo'), tally('canned'), tally('triage')];
  for (const k of kinds) process.stdout.write(`${line(k.name, k.tally)}\n`);
  if (echo && triage) process.stdout.write(`ratio triage turn / echo: ${(rate(triage) / rate(echo)).toFixed(2)}  (targets: >= 0.5, p99 <= 30 ms)\n`);
  if (echo && canned) process.stdout.write(`ratio canned-bot turn / echo: ${(rate(canned) / rate(echo)).toFixed(2)}  (the Direct Line layer alone: routes, tokens, limits, idempotency, store, encryption)\n`);
  if (KINDS.includes('triage')) {
    // Saturation (above) shows the most the server does, and its latency is mostly queueing. This is
    // what a patient waits for when the 50 conversations are real ones, whose patients take time to answer.
    const paced: Tally = { latencies: [], seconds: 0, serverCpuMs: 0 };
    const cpuBefore = await serverCpuMs();
    await slice(PACED_SECONDS, (s, d, r) => patientConversation(appUrl, s, d, r, 12, THINK_MS), paced);
    paced.serverCpuMs = (await serverCpuMs()) - cpuBefore;
    process.stdout.write(`${line(`paced triage (${THINK_MS / 1000} s think)`, paced)}\n`);
    process.stdout.write(`  ${CONCURRENCY} concurrent conversations whose patients answer after 0.5-1.5 x ${THINK_MS} ms: the latency a patient sees (target p99 <= 30 ms)\n`);
  }
  process.stdout.write(`memory per idle conversation: ${(perIdle / 1024).toFixed(1)} KB heap (${IDLE_CONVERSATIONS} started conversations)\n`);
  child.send({ cmd: 'exit' });
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});

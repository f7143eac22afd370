// The bench's server process: the real app over the in-memory engine, and a bare Express JSON echo
// as the yardstick, both on 127.0.0.1. It runs apart from the load generator so the client's work
// does not count against the server's event loop. It answers heap questions (after a full GC) for
// the memory-per-idle-conversation figure.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import type * as AppModule from '../src/app';
import type { BotRuntime } from '../src/bot/create-bot';
import type * as EnvModule from '../src/config/env';
import type * as LoggerModule from '../src/observability/logger';
import type * as ServicesModule from '../src/services';
import type { Services } from '../src/services';
import type * as MemoryEngineModule from '../src/store/memory-engine';

// The service as `npm start` runs it: the tsc build in dist/ (`npm run bench` builds it first), not
// the sources through tsx, whose on-the-fly transform adds helpers that cost ~15% of a triage turn.
const built = (module: string): string => join(__dirname, '..', 'dist', 'src', module);
type Built = [typeof AppModule, typeof EnvModule, typeof LoggerModule, typeof ServicesModule, typeof MemoryEngineModule];

export interface ServerReady {
  ready: true;
  appUrl: string;
  transportUrl: string;
  echoUrl: string;
}

function listen(app: express.Express): Promise<string> {
  return new Promise((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    server.keepAliveTimeout = 60_000;
  });
}

function echoApp(): express.Express {
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  app.post('/echo', (req, res) => {
    res.json({ id: 'echo', received: req.body as unknown });
  });
  app.get('/echo', (req, res) => {
    res.json({ activities: [], watermark: typeof req.query.watermark === 'string' ? req.query.watermark : '0' });
  });
  return app;
}

/**
 * The same app with a bot that only stores the message and one canned reply (encrypted, in the
 * store, as the transcript middleware does): it isolates what the Direct Line layer costs from
 * what the triage turn itself costs.
 */
function withCannedBot(services: Services): Services {
  const runTurn: BotRuntime['runTurn'] = async (a) => {
    const key = `webchat:${a.conversation!.id}`;
    await services.repos.conversations.touch(key, 'webchat');
    const base = { channelId: 'webchat', conversation: { id: key } };
    await services.repos.transcripts.append(key, [
      ...(a.type === 'message' ? [{ ...base, id: a.id, type: 'message', from: { id: a.from!.id, role: 'user' as const }, text: a.text }] : []),
      { ...base, type: 'message', from: { id: 'bot', role: 'bot' as const }, text: 'Thank you.', channelData: { prompt: { kind: 'text', id: 'complaint' } } },
    ]);
    return [];
  };
  return { ...services, runtime: { ...services.runtime, runTurn } };
}

async function main(): Promise<void> {
  const [{ createApp }, { loadConfig }, { createLogger }, { createServices }, { MemoryStore }] = (await Promise.all(
    ['app.js', 'config/env.js', 'observability/logger.js', 'services.js', 'store/memory-engine.js'].map((m) => import(built(m))),
  )) as Built;
  const config = loadConfig({ NODE_ENV: 'production', STORE: 'memory', DATA_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' });
  const logger = createLogger(config.logLevel);
  const store = new MemoryStore();
  const services = createServices({ config, logger, store });
  await store.init();
  const canned = withCannedBot(createServices({ config, logger, store: new MemoryStore() }));
  const ready: ServerReady = {
    ready: true,
    appUrl: await listen(createApp(services)),
    transportUrl: await listen(createApp(canned)),
    echoUrl: await listen(echoApp()),
  };
  // The CPU profile covers only what the load generator asks for (the measured slices), not start-up.
  const inspector = new Session();
  process.on('message', (msg: { cmd?: string; file?: string }) => {
    if (msg.cmd === 'profile-start') {
      inspector.connect();
      void inspector.post('Profiler.enable').then(() => inspector.post('Profiler.start'));
    }
    if (msg.cmd === 'profile-stop' && msg.file) {
      const file = msg.file;
      void inspector.post('Profiler.stop').then(({ profile }) => {
        writeFileSync(file, JSON.stringify(profile));
        process.send?.({ profiled: file });
      });
    }
    if (msg.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMs: (user + system) / 1000 });
    }
    if (msg.cmd === 'heap') {
      global.gc?.();
      global.gc?.();
      process.send?.({ heap: process.memoryUsage().heapUsed, conversations: store.size('conversations') });
    }
    if (msg.cmd === 'exit') process.exit(0);
  });
  process.send?.(ready);
}

void main();

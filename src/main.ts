// The process: validate config, open the store, listen; on SIGTERM/SIGINT stop accepting,
// drain in-flight requests and the work that follows turns (shutdown.ts), close the store.
import { createServer, type Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/env';
import { createLogger } from './observability/logger';
import { openStore } from './store/open-store';
import { ReminderWorker } from './scheduling/reminder-worker';
import { createServices } from './services';
import { drainPlan } from './shutdown';
import { ensureBootstrapAdmin } from './staff/bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  if (config.dataKeyGenerated) logger.warn('DATA_KEY is not set: using a generated key; encrypted data will not be readable after a restart');
  if (!config.microsoftApp.appId && config.nodeEnv === 'production') logger.info('MicrosoftAppId is not set: /api/messages (Teams) is off');
  else if (!config.microsoftApp.appId) logger.warn('MicrosoftAppId is not set: /api/messages runs in local emulator mode without inbound token checks');
  if (config.nodeEnv === 'production' && !config.publicUrl.startsWith('https:')) logger.warn('PUBLIC_URL is not https: the staff console only works over https in production (its session cookie is Secure)');

  const opened = await openStore({ mongodbUri: config.mongodbUri, inMemory: config.inMemoryStore, embeddedTimeoutMs: config.embeddedMongoTimeoutMs, logger }).catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(3);
  });
  const services = createServices({ config, logger, store: opened.store });
  await services.store.init();
  await ensureBootstrapAdmin(services);
  const app = createApp(services);
  const server: Server = createServer(app);
  try {
    await listen(server, config.port, config.host);
  } catch (err) {
    // A port in use or a HOST that is not this machine's: say so and exit non-zero, never "listening".
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the port is already in use' : code === 'EACCES' ? 'no permission to use the port' : 'HOST is not an address of this machine';
    logger.error({ code, host: config.host, port: config.port }, `cannot listen on ${config.host}:${config.port}: ${why}`);
    await services.store.close().catch(() => undefined);
    await opened.stopEmbedded?.().catch(() => undefined);
    process.exit(4);
  }
  const reminders = new ReminderWorker({
    appointments: services.repos.appointments,
    conversations: services.repos.conversations,
    outbound: services.outbound,
    i18n: services.i18n,
    clinic: services.clinic,
    logger,
  });
  reminders.start();

  const drain = drainPlan(config);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + drain.requestsMs + drain.afterTurnMs;
    logger.info({ signal, drainMs: drain.requestsMs }, 'shutting down: draining requests');
    const force = setTimeout(() => {
      logger.warn('drain timed out; closing remaining connections');
      server.closeAllConnections();
    }, drain.requestsMs);
    force.unref();
    server.close(() => {
      void (async () => {
        if (!(await services.afterTurn.drain(deadline - Date.now()))) logger.warn({ left: services.afterTurn.size }, 'work after turns did not finish before shutdown');
        await reminders.stop();
        await services.store.close();
        await opened.stopEmbedded?.();
        logger.info('stopped');
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Said last: "listening" tells a supervisor (and the tests) it may now send SIGTERM and be heard.
  const address = server.address();
  logger.info({ port: address && typeof address === 'object' ? address.port : config.port, engine: services.store.engine }, 'listening');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

main().catch((err: Error) => {
  process.stderr.write(`fatal: ${err.name}: ${err.message}\n`);
  process.exit(1);
});

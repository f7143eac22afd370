// Builds the real services and app over the in-memory engine, with security on, for tests.
import { randomBytes } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app';
import type { SmsClient } from '../../src/channels/sms/twilio-client';
import { loadConfig, type Config } from '../../src/config/env';
import { createLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { createServices, type Services } from '../../src/services';
import type { Store } from '../../src/store/collection';
import { MemoryStore } from '../../src/store/memory-engine';

export const TEST_DATA_KEY = randomBytes(32).toString('base64');

export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestContext {
  services: Services;
  app: ReturnType<typeof createApp>;
  store: Store;
  logs: LogCapture;
  config: Config;
}

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'debug', PORT: '3978', ...env });
}

export function buildTestApp(opts: { env?: Record<string, string | undefined>; store?: Store; now?: () => Date; llmModel?: BaseChatModel; smsClient?: SmsClient } = {}): TestContext {
  const config = testConfig(opts.env);
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const store = opts.store ?? new MemoryStore(opts.now);
  const services = createServices({ config, logger, store, metrics: createMetrics(false), now: opts.now, llmModel: opts.llmModel, smsClient: opts.smsClient });
  return { services, app: createApp(services), store, logs, config };
}

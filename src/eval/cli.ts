// `npm run eval -- FILE.jsonl [--json] [--llm-fake]`: plays every vignette through the web chat
// pipeline of a fresh in-memory service and prints the scores.
import { Writable } from 'node:stream';
import { loadConfig } from '../config/env';
import { createLogger } from '../observability/logger';
import { createMetrics } from '../observability/metrics';
import { createServices } from '../services';
import { MemoryStore } from '../store/memory-engine';
import { EvalChatModel, type FakeMode } from './fake-chat-model';
import { playVignette, type PlayResult } from './play';
import { formatReport, score } from './score';
import { readVignettes } from './vignettes';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npm run eval -- FILE.jsonl [--json] [--verbose] [--llm-fake[=adversarial]]\n');
    return 2;
  }
  const vignettes = readVignettes(file);
  // The evaluation never talks to an LLM endpoint or a database: the deterministic engine on the memory store.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const silent = new Writable({ write: (_c, _e, cb) => cb() });
  const fake = argv.find((a) => a.startsWith('--llm-fake'));
  const mode: FakeMode | undefined = fake ? (fake.split('=')[1] === 'adversarial' ? 'adversarial' : 'echo') : undefined;
  const llmModel = mode ? new EvalChatModel(mode) : undefined;
  const services = createServices({ config, logger: createLogger('silent', silent), store: new MemoryStore(), metrics: createMetrics(false), llmModel });
  const results: PlayResult[] = [];
  for (const v of vignettes) {
    const r = await playVignette(services.runtime, v);
    results.push(r);
    if (verbose) {
      process.stderr.write(`\n=== ${v.id} [${v.lang}] gold ${v.gold} → ${r.outcome}\n`);
      for (const t of r.transcript) process.stderr.write(`  ${t.role === 'patient' ? 'P' : 'B'}: ${t.text.replace(/\n+/g, ' | ').slice(0, 300)}\n`);
    }
  }
  const report = score(vignettes, results);
  const llm = llmModel ? { mode, calls: llmModel.calls } : undefined;
  process.stdout.write(json ? `${JSON.stringify({ ...report, llm })}\n` : `${llm ? `LLM path: fake model (${mode}), ${llm.calls} calls\n` : 'LLM path: off\n'}${formatReport(report)}\n`);
  await services.store.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`eval failed: ${err.message}\n`);
    process.exit(1);
  },
);

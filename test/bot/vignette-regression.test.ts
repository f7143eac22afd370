// The development vignettes and our own held-out sets, played through the web chat pipeline as
// `npm run eval` does: no emergency may ever be under-triaged and every outcome must be safe.
// Exactness is reported by `npm run eval`; this guards the safety floor on every change.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { playVignette } from '../../src/eval/play';
import { score } from '../../src/eval/score';
import { readVignettes } from '../../src/eval/vignettes';
import { buildTestApp } from '../helpers/test-services';

const sets = [
  join(__dirname, '..', '..', '..', 'shared', 'eval', 'dev-vignettes.jsonl'),
  ...['holdout-vignettes.jsonl', 'holdout2-vignettes.jsonl', 'holdout3-vignettes.jsonl'].map((f) => join(__dirname, '..', 'triage', 'fixtures', f)),
].filter((f) => existsSync(f));

describe.each(sets)('vignettes %s', (file) => {
  it('has no emergency under-triage and only safe outcomes', async () => {
    const vignettes = readVignettes(file);
    const { services } = buildTestApp();
    const results = [];
    for (const v of vignettes) results.push(await playVignette(services.runtime, v));
    const report = score(vignettes, results);
    expect(report.emergencyUnderTriage).toBe(0);
    expect(report.safe).toBe(100);
  }, 120_000);
});

// The development vignettes and our own held-out sets, played through the web chat pipeline as
// `npm run eval` does: no emergency may ever be under-triaged and every outcome must be safe.
// Exactness is reported by `npm run eval`; this guards the safety floor on every change.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { playVignette } from '../../src/eval/play';
import { score } from '../../src/eval/score';
import { readVignettes } from '../../src/eval/vignettes';
import { buildTestApp } from '../helpers/test-services';

/** Each set with the floor it holds today: no emergency is ever under-triaged, and safe triage may not fall. */
const sets: Array<{ file: string; minSafe: number; knownMissedEmergencies?: number }> = [
  { file: join(__dirname, '..', '..', '..', 'shared', 'eval', 'dev-vignettes.jsonl'), minSafe: 100 },
  ...['holdout-vignettes.jsonl', 'holdout2-vignettes.jsonl', 'holdout3-vignettes.jsonl', 'review-set-1.jsonl'].map((f) => ({ file: join(__dirname, '..', 'triage', 'fixtures', f), minSafe: 100 })),
  // played blind first (see the *-first-run.txt files beside them), then used to find kinds of misses
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind4-vignettes.jsonl'), minSafe: 96 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind5-vignettes.jsonl'), minSafe: 92 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind6-vignettes.jsonl'), minSafe: 92 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind7-vignettes.jsonl'), minSafe: 93 },
  // The blind sets below still miss emergencies said in words the engine does not read (an eye that hurts
  // to move with double vision, a paint-injection wound, a penile fracture, a child given adult tablets
  // for a day): ceilings that may only fall, not a pass.
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind8-vignettes.jsonl'), minSafe: 93 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind9-vignettes.jsonl'), minSafe: 89, knownMissedEmergencies: 2 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind10-vignettes.jsonl'), minSafe: 83, knownMissedEmergencies: 4 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind11-vignettes.jsonl'), minSafe: 91, knownMissedEmergencies: 2 },
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind12-vignettes.jsonl'), minSafe: 80, knownMissedEmergencies: 3 },
  // blind set 13: first run at 9a0a2cc 80.2% safe, 3 missed (blind13-first-run.txt)
  { file: join(__dirname, '..', 'triage', 'fixtures', 'blind13-vignettes.jsonl'), minSafe: 86, knownMissedEmergencies: 3 },
].filter((s) => existsSync(s.file));

describe.each(sets)('vignettes $file', ({ file, minSafe, knownMissedEmergencies = 0 }) => {
  it(`has at most ${knownMissedEmergencies} emergencies under-triaged and at least ${minSafe}% safe outcomes`, async () => {
    const vignettes = readVignettes(file);
    const { services } = buildTestApp();
    const results = [];
    for (const v of vignettes) results.push(await playVignette(services.runtime, v));
    const report = score(vignettes, results);
    expect(report.emergencyUnderTriage).toBeLessThanOrEqual(knownMissedEmergencies);
    expect(report.safe).toBeGreaterThanOrEqual(minSafe);
  }, 120_000);
});

it.each(['blind4-refusals.jsonl', 'blind5-refusals.jsonl', 'blind6-refusals.jsonl', 'blind7-refusals.jsonl', 'blind8-refusals.jsonl', 'blind9-refusals.jsonl', 'blind11-refusals.jsonl', 'blind12-refusals.jsonl', 'blind13-refusals.jsonl'])('refuses every request with no health complaint: %s', async (f) => {
  const vignettes = readVignettes(join(__dirname, '..', 'triage', 'fixtures', f));
  const { services } = buildTestApp();
  const results = [];
  for (const v of vignettes) results.push(await playVignette(services.runtime, v));
  expect(results.map((r) => r.outcome)).toEqual(vignettes.map(() => 'none'));
}, 60_000);

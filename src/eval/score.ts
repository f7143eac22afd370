// Scores per ../shared/eval/README.md: exact, safe (at gold or more urgent), emergency
// under-triage, per level, per language, and the confusion matrix.
import { DISPOSITIONS, urgencyRank } from '../triage/types';
import type { PlayResult } from './play';
import type { Gold, Vignette } from './vignettes';

export type Outcome = PlayResult['outcome'];
const OUTCOMES: Outcome[] = [...DISPOSITIONS, 'none', 'no outcome'];

export interface Rate {
  n: number;
  exact: number;
  safe: number;
}

export interface Report {
  cases: number;
  exact: number;
  safe: number;
  emergencyUnderTriage: number;
  perLevel: Record<string, Rate>;
  perLanguage: Record<string, Rate>;
  /** exact % per gold level within each language */
  perLanguageLevel: Record<string, Record<string, Rate>>;
  /** patient messages per case (the consent reply counts) */
  medianMessages: number;
  confusion: Record<string, Record<string, number>>;
  mismatches: Array<{ id: string; lang: string; gold: Gold; outcome: Outcome; topic: string }>;
}

export function isSafe(gold: Gold, outcome: Outcome): boolean {
  if (gold === 'none') return outcome === 'none';
  if (outcome === 'none' || outcome === 'no outcome') return false;
  return urgencyRank(outcome) <= urgencyRank(gold);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const pct = (k: number, n: number): number => (n === 0 ? 0 : Math.round((1000 * k) / n) / 10);

export function score(vignettes: Vignette[], results: PlayResult[]): Report {
  const byId = new Map(results.map((r) => [r.id, r]));
  const tally = (group: Record<string, { n: number; e: number; s: number }>, key: string, exact: boolean, safe: boolean): void => {
    const g = (group[key] ??= { n: 0, e: 0, s: 0 });
    g.n++;
    if (exact) g.e++;
    if (safe) g.s++;
  };
  const levels: Record<string, { n: number; e: number; s: number }> = {};
  const langs: Record<string, { n: number; e: number; s: number }> = {};
  const langLevels: Record<string, Record<string, { n: number; e: number; s: number }>> = {};
  const confusion: Report['confusion'] = {};
  const mismatches: Report['mismatches'] = [];
  let exact = 0;
  let safe = 0;
  let under = 0;
  for (const v of vignettes) {
    const outcome = byId.get(v.id)?.outcome ?? 'no outcome';
    const e = outcome === v.gold;
    const s = isSafe(v.gold, outcome);
    if (e) exact++;
    if (s) safe++;
    if (v.gold === 'emergency' && outcome !== 'emergency') under++;
    tally(levels, v.gold, e, s);
    tally(langs, v.lang, e, s);
    tally((langLevels[v.lang] ??= {}), v.gold, e, s);
    const row = (confusion[v.gold] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0])));
    row[outcome] = (row[outcome] ?? 0) + 1;
    if (!e) mismatches.push({ id: v.id, lang: v.lang, gold: v.gold, outcome, topic: v.topic });
  }
  const rates = (g: Record<string, { n: number; e: number; s: number }>): Record<string, Rate> =>
    Object.fromEntries(Object.entries(g).map(([k, r]) => [k, { n: r.n, exact: pct(r.e, r.n), safe: pct(r.s, r.n) }]));
  return {
    cases: vignettes.length,
    exact: pct(exact, vignettes.length),
    safe: pct(safe, vignettes.length),
    emergencyUnderTriage: under,
    perLevel: rates(levels),
    perLanguage: rates(langs),
    perLanguageLevel: Object.fromEntries(Object.entries(langLevels).map(([lang, g]) => [lang, rates(g)])),
    medianMessages: median(vignettes.map((v) => byId.get(v.id)?.messages ?? 0)),
    confusion,
    mismatches,
  };
}

export function formatReport(r: Report): string {
  const lines: string[] = [];
  lines.push(`cases: ${r.cases}`);
  lines.push(`exact accuracy: ${r.exact}%`);
  lines.push(`safe triage: ${r.safe}%`);
  lines.push(`emergency under-triage: ${r.emergencyUnderTriage}`);
  lines.push(`median patient messages: ${r.medianMessages}`);
  lines.push('', 'per level (gold):');
  for (const [k, v] of Object.entries(r.perLevel)) lines.push(`  ${k.padEnd(10)} n=${String(v.n).padStart(3)}  exact ${v.exact}%  safe ${v.safe}%`);
  lines.push('', 'per language:');
  for (const [k, v] of Object.entries(r.perLanguage)) {
    const levels = Object.entries(r.perLanguageLevel[k] ?? {}).map(([level, x]) => `${level} ${x.exact}%/${x.n}`);
    lines.push(`  ${k.padEnd(10)} n=${String(v.n).padStart(3)}  exact ${v.exact}%  safe ${v.safe}%   (${levels.join(', ')})`);
  }
  lines.push('', 'confusion matrix (rows gold, columns outcome):');
  lines.push(`  ${'gold'.padEnd(10)} ${OUTCOMES.map((o) => o.padStart(10)).join(' ')}`);
  for (const [gold, row] of Object.entries(r.confusion)) lines.push(`  ${gold.padEnd(10)} ${OUTCOMES.map((o) => String(row[o] ?? 0).padStart(10)).join(' ')}`);
  if (r.mismatches.length) {
    lines.push('', 'mismatches:');
    for (const m of r.mismatches) lines.push(`  ${m.id} [${m.lang}] gold ${m.gold} → ${m.outcome}  (${m.topic})`);
  }
  return lines.join('\n');
}

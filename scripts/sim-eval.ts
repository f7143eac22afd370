// Tuning harness: plays triage vignettes (format: ../shared/eval/README.md) directly against the
// deterministic engine, without the bot, the channels or an LLM.
//   npx tsx scripts/sim-eval.ts FILE.jsonl [--verbose] [--json] [--id dev-001]
// Consent is skipped but counted: a case fails as "no outcome" after 15 patient messages.
import { readFileSync } from 'node:fs';
import { loadClinicalContent, type ClinicalContent } from '../src/triage/content';
import { checkEmergency } from '../src/triage/emergency-gate';
import { COMPLAINT_QUESTION_ID, newTriageState, nextStep, observeText, recordAnswer, type TriageState } from '../src/triage/engine';
import { DISPOSITIONS, isLanguage, urgencyRank, type Disposition, type Language } from '../src/triage/types';

interface Vignette {
  id: string;
  lang: string;
  gold: Disposition | 'none';
  topic: string;
  messages: string[];
  answers: Array<{ ask: string[]; say: string }>;
  default: string;
}

type Result = Disposition | 'no outcome';

interface Played {
  vignette: Vignette;
  result: Result;
  protocol: string;
  reasons: string[];
  transcript: string[];
}

const MAX_MESSAGES = 15;

function answerFor(v: Vignette, prompt: string): string {
  const lower = prompt.toLowerCase();
  const hit = v.answers.find((a) => a.ask.some((stem) => lower.includes(stem.toLowerCase())));
  return hit ? hit.say : v.default;
}

function play(content: ClinicalContent, v: Vignette): Played {
  const lang: Language = isLanguage(v.lang) ? v.lang : 'en';
  const transcript: string[] = [];
  let state: TriageState = newTriageState();
  let sent = 1; // consent
  const end = (result: Result, protocol: string, reasons: string[]): Played => ({ vignette: v, result, protocol, reasons, transcript });
  for (const m of v.messages) {
    sent += 1;
    transcript.push(`P: ${m}`);
    const hit = checkEmergency(content, m, lang, state);
    state = observeText(content, state, m, lang);
    if (hit) return end('emergency', hit.protocol, hit.reasons.map((r) => `${r.code}: ${r.text}`));
  }
  while (sent < MAX_MESSAGES) {
    const step = nextStep(content, state, lang);
    if (step.kind === 'outcome') return end(step.outcome.disposition, step.outcome.protocol, step.outcome.reasons.map((r) => `${r.code}: ${r.text}`));
    const prompt = step.kind === 'ask' ? step.question.text : '(what is the problem?)';
    const reply = step.kind === 'ask' ? answerFor(v, prompt) : v.default;
    transcript.push(`B: ${prompt}`, `P: ${reply}`);
    sent += 1;
    const hit = checkEmergency(content, reply, lang, state);
    state = step.kind === 'ask' ? recordAnswer(content, state, step.question.id, reply, lang) : recordAnswer(content, state, COMPLAINT_QUESTION_ID, reply, lang);
    if (hit) return end('emergency', hit.protocol, hit.reasons.map((r) => `${r.code}: ${r.text}`));
  }
  return end('no outcome', state.protocol ?? '-', []);
}

function pct(n: number, d: number): string {
  return d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

function isSafe(gold: Disposition, result: Result): boolean {
  return result !== 'no outcome' && urgencyRank(result) <= urgencyRank(gold);
}

function summarise(played: Played[]) {
  const scored = played.filter((p): p is Played & { vignette: { gold: Disposition } } => p.vignette.gold !== 'none');
  const exact = scored.filter((p) => p.result === p.vignette.gold).length;
  const safe = scored.filter((p) => isSafe(p.vignette.gold, p.result)).length;
  const underEmergency = scored.filter((p) => p.vignette.gold === 'emergency' && p.result !== 'emergency').length;
  const byLevel: Record<string, { n: number; exact: number }> = {};
  const byLang: Record<string, { n: number; exact: number; safe: number }> = {};
  const confusion: Record<string, Record<string, number>> = {};
  for (const p of scored) {
    const g = p.vignette.gold;
    (byLevel[g] ??= { n: 0, exact: 0 }).n += 1;
    if (p.result === g) byLevel[g].exact += 1;
    const l = (byLang[p.vignette.lang] ??= { n: 0, exact: 0, safe: 0 });
    l.n += 1;
    if (p.result === g) l.exact += 1;
    if (isSafe(g, p.result)) l.safe += 1;
    const row = (confusion[g] ??= {});
    row[p.result] = (row[p.result] ?? 0) + 1;
  }
  return { cases: scored.length, skippedNone: played.length - scored.length, exact, safe, underEmergency, byLevel, byLang, confusion };
}

function print(played: Played[], verbose: boolean): void {
  const s = summarise(played);
  const out: string[] = [];
  out.push(`cases: ${s.cases}${s.skippedNone ? ` (+${s.skippedNone} 'none' cases skipped: refusal is not the engine's job)` : ''}`);
  out.push(`exact: ${s.exact}/${s.cases} ${pct(s.exact, s.cases)}   safe: ${s.safe}/${s.cases} ${pct(s.safe, s.cases)}   emergency under-triage: ${s.underEmergency}`);
  out.push('per level (exact):');
  for (const d of DISPOSITIONS) {
    const l = s.byLevel[d];
    if (l) out.push(`  ${d.padEnd(10)} ${String(l.exact).padStart(3)}/${String(l.n).padEnd(3)} ${pct(l.exact, l.n)}`);
  }
  out.push('per language (exact, safe):');
  for (const [lang, l] of Object.entries(s.byLang)) out.push(`  ${lang}  ${String(l.exact).padStart(3)}/${String(l.n).padEnd(3)} ${pct(l.exact, l.n)}   safe ${pct(l.safe, l.n)}`);
  const cols: Result[] = [...DISPOSITIONS, 'no outcome'];
  out.push(`confusion (rows gold, columns result): ${cols.join(' | ')}`);
  for (const d of DISPOSITIONS) out.push(`  ${d.padEnd(10)} ${cols.map((c) => String(s.confusion[d]?.[c] ?? 0).padStart(4)).join(' ')}`);
  const misses = played.filter((p) => p.vignette.gold !== 'none' && p.result !== p.vignette.gold);
  out.push(`mismatches: ${misses.length}`);
  for (const p of misses) {
    const flag = p.vignette.gold === 'emergency' ? ' !!UNDER-TRIAGE' : isSafe(p.vignette.gold as Disposition, p.result) ? ' (over)' : ' (UNDER)';
    out.push(`  ${p.vignette.id} [${p.vignette.lang}] gold=${p.vignette.gold} got=${p.result}${flag} protocol=${p.protocol} — ${p.vignette.topic}`);
    for (const r of p.reasons) out.push(`      ${r}`);
    if (verbose) for (const t of p.transcript) out.push(`      ${t}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: npx tsx scripts/sim-eval.ts FILE.jsonl [--verbose] [--json] [--id CASE]\n');
    process.exit(2);
  }
  const only = args.includes('--id') ? args[args.indexOf('--id') + 1] : undefined;
  const vignettes = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Vignette)
    .filter((v) => !only || v.id === only);
  const content = loadClinicalContent();
  const played = vignettes.map((v) => play(content, v));
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ ...summarise(played), results: played.map((p) => ({ id: p.vignette.id, gold: p.vignette.gold, result: p.result, protocol: p.protocol })) }) + '\n');
    return;
  }
  print(played, args.includes('--verbose') || only !== undefined);
}

main();

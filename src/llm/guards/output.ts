// Output guards: every check runs on the model's answer after PHI restoration, without another LLM call. A phrase
// the source text already contains is allowed (the model may repeat what the deterministic reply or the clinic
// file says); anything the model adds that diagnoses, names a drug or a dose, or lowers urgency is refused.
import { DISPOSITIONS, urgencyRank, type Disposition, type Language } from '../../triage/types';
import { fold } from './fold';
import { lexicon, matchesNotIn, type LowerLevel } from './lexicon';
import { speaksLanguage } from './language';

export type OutputGuard =
  | 'output_empty'
  | 'output_format'
  | 'output_leak'
  | 'output_language'
  | 'output_diagnosis'
  | 'output_drug'
  | 'output_urgency'
  | 'output_emergency_number'
  | 'output_must_keep'
  | 'output_numbers';

export interface OutputFailure {
  guard: OutputGuard;
  /** A category, never the text itself (it may hold PHI). */
  reason: string;
}

export interface OutputCheckInput {
  /** The model's answer, PHI restored. */
  output: string;
  lang: Language;
  /** What the model was given to work from: the deterministic reply, the clinic answers, the transcript. */
  source: string;
  /** The static text of the system prompt (variables removed), for leak detection. */
  systemPrompt: string;
  disposition?: Disposition;
  mustKeep?: string[];
  emergencyNumber?: string;
  /** keep: every number of the source survives (phrasing); grounded: every number in the output is in the source (faq). */
  numbers?: 'keep' | 'grounded';
  unknownPlaceholders?: string[];
  maxLength?: number;
}

const MARKUP = /```|<\/?[a-z][^>]*>|^\s*[{[]|<\|[a-z_]+\|>|^\s*(system|assistant|user)\s*:/im;
const NUMBER = /\d+(?:[.,:]\d+)*/g;
const HAN_ONLY = /[^\p{Script=Han}]/gu;

function numbers(text: string): Set<string> {
  return new Set(text.match(NUMBER) ?? []);
}

/** Seven consecutive words (or twelve Han characters) of the system prompt in the answer means it leaked. */
export function leaksPrompt(output: string, systemPrompt: string): boolean {
  const words = (s: string): string[] => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const out = ` ${words(output).join(' ')} `;
  const sys = words(systemPrompt);
  for (let i = 0; i + 7 <= sys.length; i++) {
    if (out.includes(` ${sys.slice(i, i + 7).join(' ')} `)) return true;
  }
  const hanSys = systemPrompt.replace(HAN_ONLY, '');
  const hanOut = output.replace(HAN_ONLY, '');
  for (let i = 0; i + 12 <= hanSys.length; i++) {
    if (hanOut.includes(hanSys.slice(i, i + 12))) return true;
  }
  return false;
}

function lowerLevels(d: Disposition): LowerLevel[] {
  return DISPOSITIONS.filter((x): x is LowerLevel => x !== 'emergency' && urgencyRank(x) > urgencyRank(d));
}

export function checkModelOutput(input: OutputCheckInput): OutputFailure[] {
  const out = input.output.trim();
  if (!out) return [{ guard: 'output_empty', reason: 'empty' }];
  const lex = lexicon();
  const failures: OutputFailure[] = [];
  const fail = (guard: OutputGuard, reason: string): void => {
    if (!failures.some((f) => f.guard === guard)) failures.push({ guard, reason });
  };
  const fOut = fold(out);
  const fSource = fold(input.source);

  if (out.length > (input.maxLength ?? Math.max(600, input.source.length * 4))) fail('output_format', 'too_long');
  if (MARKUP.test(out)) fail('output_format', 'markup');
  // No words, or mostly symbols, is not a message to a patient (opening hours are digits, so they count).
  const visible = out.replace(/\s+/g, '');
  const letters = visible.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0 || letters + (visible.match(/\p{N}/gu)?.length ?? 0) < visible.length / 2) fail('output_format', 'garbage');
  if (input.unknownPlaceholders?.length) fail('output_format', 'unknown_placeholder');

  if (leaksPrompt(out, input.systemPrompt) || matchesNotIn(lex.output.leak, fOut, fSource).length) fail('output_leak', 'system_prompt');
  if (!speaksLanguage(out, input.lang, input.mustKeep)) fail('output_language', `not_${input.lang}`);

  if (matchesNotIn(lex.output.diagnosis, fOut, fSource).length || matchesNotIn(lex.output.conditions, fOut, fSource).length) fail('output_diagnosis', 'diagnosis');
  if (matchesNotIn(lex.output.drug, fOut, fSource).length) fail('output_drug', 'drug_dose_or_prescription');

  if (matchesNotIn(lex.output.downgrade, fOut, fSource).length) fail('output_urgency', 'downgrade_phrase');
  if (input.disposition) {
    for (const level of lowerLevels(input.disposition)) {
      if (matchesNotIn(lex.levels[level], fOut, fSource).length) fail('output_urgency', `mentions_${level}`);
    }
  }

  const en = input.emergencyNumber;
  if (en && (input.disposition === 'emergency' || input.source.includes(en)) && !out.includes(en)) fail('output_emergency_number', 'dropped');
  if ((input.mustKeep ?? []).some((k) => k && !out.includes(k))) fail('output_must_keep', 'dropped');

  if (input.numbers === 'keep') {
    const have = numbers(out);
    if ([...numbers(input.source)].some((n) => !have.has(n))) fail('output_numbers', 'dropped_number');
  } else if (input.numbers === 'grounded') {
    const allowed = numbers(input.source);
    if ([...numbers(out)].some((n) => !allowed.has(n))) fail('output_numbers', 'ungrounded_number');
  }
  return failures;
}

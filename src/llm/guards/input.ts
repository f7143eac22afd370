// The input guard the dialogs run on every patient turn, with or without an LLM: refuse prompt injection,
// requests for a drug, a dose, a prescription or a diagnosis, and clearly off-topic requests.
// It matches requests, not statements ("can I take ibuprofen?" is refused, "I took ibuprofen" is not), and it
// never runs before the emergency gate: a refusal must not swallow a red flag.
import type { Language } from '../../triage/types';
import { fold } from './fold';
import { lexicon, matches } from './lexicon';

export type InputRefusalReason = 'injection' | 'off_topic' | 'unsafe_request';
export type InputCheck = { action: 'allow' } | { action: 'refused'; reason: InputRefusalReason };

/** Most serious first: an injection wrapped in a dose request is reported as an injection. */
const ORDER: InputRefusalReason[] = ['injection', 'unsafe_request', 'off_topic'];

/**
 * Pure and deterministic (no LLM, no I/O after the lexicon's first load). `lang` is the turn's language; the
 * lexicons of all six languages are matched because patients mix languages.
 */
export function checkPatientInput(text: string, _lang: Language): InputCheck {
  const folded = fold(text);
  if (!folded) return { action: 'allow' };
  const lex = lexicon();
  for (const reason of ORDER) {
    if (matches(lex.input[reason], folded).length > 0) return { action: 'refused', reason };
  }
  return { action: 'allow' };
}

/** Fewer words than this ("help me", "can you help") is a call for help, never refused. */
const MIN_REQUEST_WORDS = 4;
/** Request patterns matched (of different kinds) that make it a task whatever family words come with it. */
const STRONG_REQUEST = 2;

/**
 * A request for a task or a fact (an essay, a translation, a trivia question) with no word of health, the
 * body, a person cared for or the clinic: refused however it is worded, where the off_topic list only knows
 * the requests someone wrote down. The caller also checks that the engine read no clinical fact in it.
 */
export function asksForSomethingElse(text: string): boolean {
  const folded = fold(text);
  if (folded.split(' ').length < MIN_REQUEST_WORDS && !/[\p{Script=Han}]{6,}/u.test(folded)) return false;
  const lex = lexicon();
  const requests = lex.notHealth.request.filter((re) => matches([re], folded).length > 0).length;
  // Asked two ways at once (a task and its topic: "can you write ... a wedding speech", "me haces un
  // itinerario"), a word of family or home ("my brother", "con mi pareja") does not make it a health
  // question; the caller has checked that the engine read no symptom, complaint or age in it.
  return requests >= STRONG_REQUEST || (requests > 0 && matches(lex.notHealth.context, folded).length === 0);
}

// Merges what one patient message says into the state: complaint, findings (present or negated),
// red-flag phrases, age, sex, duration, pain score and temperature. Runs on every message, so
// nothing the patient already said is asked again.
import type { ClinicalContent } from './content';
import { cloneState, setFinding, type FindingSource, type TriageState } from './state';
import { extractAge, extractDuration, extractPainScore, extractSex, extractTemperature, withDigits } from './text-facts';
import { findMatches, normalise, overallPolarity, type NormalisedText } from './text-match';
import type { Language } from './types';

export const FEVER_FINDING = 'fever';
export const PREGNANT_FINDING = 'pregnant';
export const FEVER_THRESHOLD_C = 38;

export function redFlagFinding(redFlagId: string): string {
  return `redflag.${redFlagId}`;
}

/** Sets what the text says about each finding; returns the findings it mentioned at all. */
function observeFindings(content: ClinicalContent, state: TriageState, text: NormalisedText, lang: Language, source: FindingSource, skip: Set<string>): Set<string> {
  const mentioned = new Set<string>();
  const pack = content.languages[lang];
  for (const [id, patterns] of pack.findings) {
    if (skip.has(id)) continue;
    const result = overallPolarity(findMatches(text, patterns, pack.matcher));
    if (result) {
      setFinding(state, id, result.present, source, result.evidence);
      mentioned.add(id);
    }
  }
  // denials: "breathing is fine" says breathless is absent; "can't bend my neck" says stiff neck is present
  for (const [id, patterns] of pack.denials) {
    if (skip.has(id)) continue;
    const result = overallPolarity(findMatches(text, patterns, pack.matcher));
    if (result) {
      setFinding(state, id, !result.present, source, result.evidence);
      mentioned.add(id);
    }
  }
  for (const rf of content.redFlags) {
    const result = overallPolarity(findMatches(text, rf.compiled[lang], pack.matcher));
    if (result?.present) setFinding(state, redFlagFinding(rf.id), true, source, result.evidence);
  }
  return mentioned;
}

export function setTemperature(state: TriageState, celsius: number, evidence: string, source: FindingSource): void {
  if (state.temperatureC === null || celsius > state.temperatureC) {
    state.temperatureC = celsius;
    state.factEvidence.temperature = evidence;
  }
  setFinding(state, FEVER_FINDING, celsius >= FEVER_THRESHOLD_C, source, evidence);
}

/** Facts with numbers; returns the findings they settled (a measured temperature beats the word "temperature"). */
function observeFacts(content: ClinicalContent, state: TriageState, text: NormalisedText, lang: Language, source: FindingSource): Set<string> {
  const settled = new Set<string>();
  const pack = content.languages[lang];
  const digits = withDigits(text, pack);
  const temperature = extractTemperature(digits, pack);
  if (temperature) {
    setTemperature(state, temperature.value, temperature.evidence, source);
    settled.add(FEVER_FINDING);
  }
  if (state.ageYears === null) {
    const age = extractAge(digits, pack);
    if (age) {
      state.ageYears = age.value;
      state.factEvidence.age = age.evidence;
    }
  }
  if (state.sex === null) {
    const sex = extractSex(digits, pack);
    if (sex) state.sex = sex.value;
  }
  if (state.durationHours === null) {
    const duration = extractDuration(text, digits, pack);
    if (duration) {
      state.durationHours = duration.value;
      state.factEvidence.duration = duration.evidence;
    }
  }
  if (state.painScore === null) {
    const pain = extractPainScore(digits, pack);
    if (pain) {
      state.painScore = pain.value;
      state.factEvidence.pain = pain.evidence;
    }
  }
  return settled;
}

/** Scores complaints until the first question is asked; after that the protocol stays. Returns whether any matched. */
function observeComplaint(content: ClinicalContent, state: TriageState, text: NormalisedText, lang: Language): boolean {
  if (state.protocol !== null && state.asked.length > 0) return true;
  const matcher = content.languages[lang].matcher;
  let any = false;
  for (const p of content.protocols.values()) {
    const hits = new Set(findMatches(text, p.complaintPatterns[lang], matcher).filter((m) => m.polarity === 'present').map((m) => m.pattern.source));
    if (hits.size > 0) {
      state.complaintScores[p.id] = (state.complaintScores[p.id] ?? 0) + hits.size;
      any = true;
    }
  }
  let best: { id: string; score: number; priority: number } | null = null;
  for (const [id, score] of Object.entries(state.complaintScores)) {
    const priority = content.protocols.get(id)?.priority ?? 0;
    if (!best || score > best.score || (score === best.score && priority > best.priority)) best = { id, score, priority };
  }
  if (best) state.protocol = best.id;
  return any;
}

/** Mutating core shared by observeText and recordAnswer. */
export function observeInto(content: ClinicalContent, state: TriageState, raw: string, lang: Language, source: FindingSource): { complaintFound: boolean; mentioned: Set<string> } {
  const text = normalise(raw, lang);
  if (text.norm.length === 0) return { complaintFound: false, mentioned: new Set() };
  const settled = observeFacts(content, state, text, lang, source);
  const mentioned = observeFindings(content, state, text, lang, source, settled);
  settled.forEach((id) => mentioned.add(id));
  if (state.findings[PREGNANT_FINDING]?.present) state.sex = 'female';
  return { complaintFound: observeComplaint(content, state, text, lang), mentioned };
}

/** A message with real content (not a greeting or a bare yes/no): it counts when no complaint is found in it. */
export function isFreeText(content: ClinicalContent, raw: string, lang: Language): boolean {
  const pack = content.languages[lang];
  const text = normalise(raw, lang);
  const size = pack.matcher.cjk ? Array.from(text.norm.replace(/\s/g, '')).length / 2 : (text.norm.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  if (size < 3) return false;
  pack.yes.lastIndex = 0;
  pack.no.lastIndex = 0;
  const head = text.norm.slice(0, 12);
  return !(pack.yes.test(head) || pack.no.test(head));
}

export function observeText(content: ClinicalContent, state: TriageState, text: string, lang: Language): TriageState {
  const next = cloneState(state);
  const { complaintFound } = observeInto(content, next, text, lang, 'text');
  if (!complaintFound && next.protocol === null && isFreeText(content, text, lang)) next.unrecognised += 1;
  return next;
}

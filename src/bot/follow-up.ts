// After an outcome, the conversation goes on: "thanks", "what should I take for it?", "when are you
// open?" get an answer (never a new triage), and a new problem starts a new assessment that keeps
// who the patient is (age, sex, pregnancy...) so it is not asked again. The emergency gate has
// already run on the message, so an emergency is still caught.
import { checkPatientInput } from '../llm';
import { FALLBACK_PROTOCOL } from '../triage/content';
import { newTriageState, observeText, type Reading, type TriageState } from '../triage/engine';
import { adviceFor } from '../triage/outcome-text';
import type { Language } from '../triage/types';
import { fill } from './activities';
import type { BotDeps } from './deps';
import { matchFaq } from './faq';
import { clinicVars } from './outcomes';
import type { PatientState } from './patient-state';

/** A fresh assessment that keeps the facts about the person (clinical/questions.yaml: carryOver). */
export function nextAssessment(deps: BotDeps, previous: TriageState | undefined, reading: Reading | string, lang: Language): TriageState {
  const fresh = newTriageState();
  if (previous) {
    fresh.ageYears = previous.ageYears;
    fresh.sex = previous.sex;
    if (previous.factEvidence.age) fresh.factEvidence.age = previous.factEvidence.age;
    for (const id of deps.content.carryOver) {
      const f = previous.findings[id];
      if (f) fresh.findings[id] = { ...f };
    }
  }
  return observeText(deps.content, fresh, reading, lang);
}

/** The message tells something new about health: a new complaint, or a symptom not known before. */
function saysSomethingNew(deps: BotDeps, patient: PatientState, reading: Reading | undefined, before: TriageState | undefined): boolean {
  if (!reading) return false;
  const last = patient.lastOutcome?.protocol;
  if ([...reading.complaints.keys()].some((id) => id !== FALLBACK_PROTOCOL && id !== last && deps.content.protocols.has(id))) return true;
  return [...reading.findings].some(([id, f]) => f.present && !before?.findings[id]?.present && deps.content.symptomFindings.has(id));
}

/**
 * The answer to a message after an outcome, or undefined when it brings a new problem (the caller
 * starts a new assessment). `before` is what was known before this message was read.
 */
export function followUpAnswer(deps: BotDeps, patient: PatientState, text: string, reading: Reading | undefined, before: TriageState | undefined, lang: Language): string | undefined {
  const last = patient.lastOutcome;
  if (!last) return undefined;
  const t = deps.i18n.t(lang);
  const vars = clinicVars(deps);
  const advice = adviceFor(deps.content, last.disposition, lang, last.crisis === true, last.protocol, before?.ageYears);
  const safetyNet = fill(advice.safetyNet, vars);
  // A question about medicines gets the guarded answer whatever it names: no drug, no dose.
  const check = checkPatientInput(text, lang);
  if (check.action === 'refused' && check.reason === 'unsafe_request') return `${t('bot:after.medicines', vars)}\n\n${safetyNet}`;
  if (saysSomethingNew(deps, patient, reading, before)) return undefined;
  const faq = matchFaq(deps.clinic, text, lang);
  if (faq) return faq;
  if (last.disposition === 'emergency') return t('bot:after.emergency', vars);
  return `${t('bot:after.anythingElse', vars)}\n\n${safetyNet}`;
}

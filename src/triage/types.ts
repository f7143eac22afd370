// The vocabulary shared by the triage engine, the dialogs and every channel.
// Pure types: no clinical content lives here (that is in clinical/*.yaml).

export const LANGUAGES = ['en', 'es', 'fr', 'pt', 'zh', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Most urgent first. */
export const DISPOSITIONS = ['emergency', 'urgent', 'routine', 'self_care'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** 0 = most urgent. */
export function urgencyRank(d: Disposition): number {
  return DISPOSITIONS.indexOf(d);
}

/** The more urgent of two dispositions: how the LLM or staff may only raise urgency. */
export function moreUrgent(a: Disposition, b: Disposition): Disposition {
  return urgencyRank(a) <= urgencyRank(b) ? a : b;
}

/** Why a disposition was reached: which rule fired on which answer. `text` is in the patient's language. */
export interface Reason {
  code: string;
  text: string;
}

export type PromptKind = 'consent' | 'yes_no' | 'choice' | 'number' | 'text' | 'date' | 'slot';

export interface Choice {
  value: string;
  label: string;
}

/** A follow-up question, already in the patient's language. */
export interface TriageQuestion {
  id: string;
  kind: Extract<PromptKind, 'yes_no' | 'choice' | 'number' | 'text'>;
  text: string;
  choices?: Choice[];
  /** the text lists the choices with their numbers (the patient may answer "2" or "1 and 3") */
  numbered?: boolean;
  /** the answer is a number of this kind (a clear answer is asked for again once when it is not one) */
  parse?: 'age' | 'pain' | 'temperature' | 'duration';
}

/** Patient-facing outcome texts, in the patient's language; may contain {{emergencyNumber}} / {{crisisLine}} / {{clinicPhone}}. */
export interface OutcomeAdvice {
  headline: string;
  whatToDo: string;
  safetyNet: string;
}

export interface TriageOutcome {
  disposition: Disposition;
  protocol: string;
  reasons: Reason[];
  advice: OutcomeAdvice;
  /** True when the crisis line must be named (self-harm). */
  crisisLine: boolean;
}

export interface EmergencyHit {
  redFlagId: string;
  protocol: string;
  reasons: Reason[];
  advice: OutcomeAdvice;
  crisisLine: boolean;
}

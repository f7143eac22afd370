// Patient-facing outcome texts (clinical/outcomes.yaml, clinical/advice/<protocol>.yaml) and reason wording.
import type { ClinicalContent } from './content';
import type { Disposition, Language, OutcomeAdvice } from './types';

/** Babies' outcomes carry the advice written for babies when their protocol has none of its own. */
const INFANT_ADVICE = 'infant';
const CRISIS_ADVICE = 'crisis';

/**
 * The headline and what to do come with the disposition; a self-care outcome tells the patient how
 * to look after this problem, and every non-emergency outcome gives this problem's own safety net.
 */
export function adviceFor(content: ClinicalContent, disposition: Disposition, lang: Language, crisis: boolean, protocol?: string, ageYears?: number | null): OutcomeAdvice {
  const base = crisis ? content.outcomes.crisis : content.outcomes[disposition];
  const ownId = crisis ? CRISIS_ADVICE : protocol;
  const own = disposition === 'emergency' && !crisis ? undefined : ((ownId ? content.advice.get(ownId) : undefined) ?? (ageYears != null && ageYears < 1 ? content.advice.get(INFANT_ADVICE) : undefined));
  return {
    headline: base.headline[lang],
    whatToDo: own && disposition === 'self_care' && !crisis ? own.selfCare[lang] : base.whatToDo[lang],
    safetyNet: own ? own.safetyNet[lang] : base.safetyNet[lang],
  };
}

/** A reason's text quotes the patient's words that triggered it. */
export function reasonText(text: string, evidence: readonly string[]): string {
  const quoted = evidence.filter((e) => e.trim().length > 0).map((e) => `“${e.trim()}”`);
  return quoted.length > 0 ? `${text} (${quoted.join('; ')})` : text;
}

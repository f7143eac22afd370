// Patient-facing outcome texts (clinical/outcomes.yaml) and reason wording.
import type { ClinicalContent } from './content';
import type { Disposition, Language, OutcomeAdvice } from './types';

export function adviceFor(content: ClinicalContent, disposition: Disposition, lang: Language, crisis: boolean): OutcomeAdvice {
  const source = crisis ? content.outcomes.crisis : content.outcomes[disposition];
  return { headline: source.headline[lang], whatToDo: source.whatToDo[lang], safetyNet: source.safetyNet[lang] };
}

/** A reason's text quotes the patient's words that triggered it. */
export function reasonText(text: string, evidence: readonly string[]): string {
  const quoted = evidence.filter((e) => e.trim().length > 0).map((e) => `“${e.trim()}”`);
  return quoted.length > 0 ? `${text} (${quoted.join('; ')})` : text;
}

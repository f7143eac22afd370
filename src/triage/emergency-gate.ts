// The emergency gate: runs on every patient message (before consent too). A red flag named in the
// message, or completed by what the patient said earlier (fever before, stiff neck now), ends
// triage at once with the emergency advice.
import { conditionEvidence, conditionHolds } from './conditions';
import type { ClinicalContent, RedFlag } from './content';
import { observeInto, redFlagFinding } from './observe';
import { asReading, type Reading } from './reading';
import { adviceFor, reasonText } from './outcome-text';
import { cloneState, newTriageState, type TriageState } from './state';
import type { EmergencyHit, Language, Reason } from './types';

export const EMERGENCY_PROTOCOL = 'emergency';

interface FiredFlag {
  flag: RedFlag;
  evidence: string[];
}

/** Every red flag that what is known now satisfies, self-harm first. */
export function firedRedFlags(content: ClinicalContent, state: TriageState): FiredFlag[] {
  const fired: FiredFlag[] = [];
  for (const flag of content.redFlags) {
    const direct = state.findings[redFlagFinding(flag.id)];
    if (direct?.present) {
      fired.push({ flag, evidence: direct.evidence ? [direct.evidence] : [] });
      continue;
    }
    const combo = flag.combinations.find((c) => conditionHolds(c, state));
    if (combo) fired.push({ flag, evidence: conditionEvidence(combo, state) });
  }
  return fired.sort((a, b) => Number(b.flag.crisis) - Number(a.flag.crisis));
}

export function emergencyFromState(content: ClinicalContent, state: TriageState, lang: Language): EmergencyHit | null {
  const fired = firedRedFlags(content, state);
  const first = fired[0];
  if (!first) return null;
  const crisisLine = fired.some((f) => f.flag.crisis);
  const reasons: Reason[] = fired.map((f) => ({ code: `redflag.${f.flag.id}`, text: reasonText(f.flag.reason[lang], f.evidence) }));
  const advice = adviceFor(content, 'emergency', lang, crisisLine);
  return {
    redFlagId: first.flag.id,
    protocol: state.protocol ?? EMERGENCY_PROTOCOL,
    reasons,
    advice: { ...advice, whatToDo: first.flag.advice[lang] },
    crisisLine,
  };
}

/** The gate on one message (its reading) together with what was known before it. */
export function checkEmergency(content: ClinicalContent, input: string | Reading, lang: Language, state?: TriageState): EmergencyHit | null {
  const merged = state ? cloneState(state) : newTriageState();
  observeInto(content, merged, asReading(content, input, lang), 'text');
  return emergencyFromState(content, merged, lang);
}

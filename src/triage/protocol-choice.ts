// Which protocol applies now. Complaints are chosen by evidence: every complaint phrase the patient
// has said so far, in any message or answer, counts for its protocol, and the choice is revisited
// as answers come in (a back injury that turns out to come with new leg weakness moves to the back
// pain questions). A protocol written for one age group hands over outside it (fever in children
// vs adults). When nothing is recognised the dialog asks for the main problem from a list.
import { FALLBACK_PROTOCOL, type ClinicalContent, type Protocol } from './content';
import type { TriageState } from './state';

function outsideAgeRange(p: Protocol, age: number | null): boolean {
  if (!p.ageRange || age === null) return false;
  return (p.ageRange.min !== undefined && age < p.ageRange.min) || (p.ageRange.max !== undefined && age > p.ageRange.max);
}

export function resolveProtocol(content: ClinicalContent, id: string, state: TriageState): Protocol | null {
  const p = content.protocols.get(id) ?? null;
  if (p && p.otherwise && outsideAgeRange(p, state.ageYears)) return content.protocols.get(p.otherwise) ?? p;
  return p;
}

/** A protocol's own signs said present weigh half a complaint phrase each. */
const SIGN_WEIGHT = 0.5;

/** Complaint phrases said, plus the protocol's own signs present, for every protocol named at all. */
function evidence(content: ClinicalContent, state: TriageState): Map<string, number> {
  const scores = new Map(Object.entries(state.complaintScores));
  for (const id of scores.keys()) {
    for (const sign of content.protocolSigns.get(id) ?? []) {
      const f = state.findings[sign];
      // a sign said in an answer may only echo the question ("are your eyes sore?"): it weighs half
      if (f?.present) scores.set(id, scores.get(id)! + (f.source === 'text' ? SIGN_WEIGHT : SIGN_WEIGHT / 2));
    }
  }
  // Nothing named as a complaint: the symptoms said point to a problem of the list ("my skin is dry and itchy")
  if (scores.size === 0) {
    for (const item of content.problems.items) {
      if (!item.protocol) continue;
      const said = item.findings.filter((id) => state.findings[id]?.present).length;
      if (said > 0) scores.set(item.protocol, (scores.get(item.protocol) ?? 0) + said * SIGN_WEIGHT);
    }
  }
  return scores;
}

/**
 * Sets `state.protocol` to the best-supported complaint: most phrases said, then the protocol's
 * priority (the more specific complaint). The current protocol keeps its place on a tie, so a
 * passing mention in an answer does not make the questions jump about.
 */
export function chooseProtocol(content: ClinicalContent, state: TriageState): void {
  const scores = evidence(content, state);
  let best: { id: string; score: number; priority: number } | null = null;
  for (const [id, score] of scores) {
    const priority = content.protocols.get(id)?.priority ?? 0;
    if (!best || score > best.score || (score === best.score && priority > best.priority)) best = { id, score, priority };
  }
  if (!best) return;
  const current = state.protocol ? (scores.get(state.protocol) ?? 0) : -1;
  // the current protocol keeps its place unless another has more evidence
  if (state.protocol && state.protocol !== FALLBACK_PROTOCOL && current >= best.score) return;
  state.protocol = best.id;
}

export function currentProtocol(content: ClinicalContent, state: TriageState): Protocol | null {
  if (state.protocol) return resolveProtocol(content, state.protocol, state) ?? resolveProtocol(content, FALLBACK_PROTOCOL, state);
  return null;
}

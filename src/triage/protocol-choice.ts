// Which protocol applies now: the recognised complaint, switched by age where a protocol is
// written for one age group (fever in children vs adults), else the general fallback.
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

export function currentProtocol(content: ClinicalContent, state: TriageState): Protocol | null {
  if (state.protocol) return resolveProtocol(content, state.protocol, state) ?? resolveProtocol(content, FALLBACK_PROTOCOL, state);
  if (state.unrecognised >= 1) return resolveProtocol(content, FALLBACK_PROTOCOL, state);
  return null;
}

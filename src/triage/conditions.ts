// Evaluates a rule's condition (clinical/*.yaml `when:`) against what is known about the patient.
import type { Condition } from './content-schema';
import type { TriageState } from './state';

type Range = { min?: number; max?: number } | undefined;

function inRange(value: number | null, range: Range): boolean {
  if (!range) return true;
  if (value === null) return false;
  if (range.min !== undefined && value < range.min) return false;
  if (range.max !== undefined && value > range.max) return false;
  return true;
}

function allPresent(ids: readonly string[], state: TriageState): boolean {
  for (const id of ids) if (state.findings[id]?.present !== true) return false;
  return true;
}

function anyPresent(ids: readonly string[], state: TriageState): boolean {
  for (const id of ids) if (state.findings[id]?.present === true) return true;
  return false;
}

// Plain loops, no closures: every red-flag combination is judged several times a turn.
export function conditionHolds(c: Condition, state: TriageState): boolean {
  if (c.all && !allPresent(c.all, state)) return false;
  if (c.any && !anyPresent(c.any, state)) return false;
  if (c.none && anyPresent(c.none, state)) return false;
  if (c.absent) for (const id of c.absent) if (state.findings[id]?.present !== false) return false;
  if (c.unknown) for (const id of c.unknown) if (state.findings[id] !== undefined) return false;
  if (c.sex && state.sex !== c.sex) return false;
  return (
    inRange(state.ageYears, c.age) &&
    inRange(state.durationHours, c.durationHours) &&
    inRange(state.painScore, c.painScore) &&
    inRange(state.temperatureC, c.temperature) &&
    inRange(state.gestationWeeks ?? null, c.gestationWeeks) &&
    inRange(state.pulseBpm ?? null, c.pulse)
  );
}

/** For askIf: like conditionHolds, but what is unknown does not stop a question being asked. */
export function conditionPossible(c: Condition, state: TriageState): boolean {
  if (c.all && !allPresent(c.all, state)) return false;
  if (c.any && !anyPresent(c.any, state)) return false;
  if (c.none && anyPresent(c.none, state)) return false;
  if (c.absent && anyPresent(c.absent, state)) return false;
  if (c.unknown) for (const id of c.unknown) if (state.findings[id] !== undefined) return false;
  if (c.sex && state.sex !== null && state.sex !== c.sex) return false;
  const possible = (value: number | null, range: Range): boolean => value === null || inRange(value, range);
  return (
    possible(state.ageYears, c.age) &&
    possible(state.durationHours, c.durationHours) &&
    possible(state.painScore, c.painScore) &&
    possible(state.temperatureC, c.temperature) &&
    possible(state.gestationWeeks ?? null, c.gestationWeeks) &&
    possible(state.pulseBpm ?? null, c.pulse)
  );
}

/** The findings a condition relied on: they are quoted in the reason. */
export function conditionEvidence(c: Condition, state: TriageState): string[] {
  const out: string[] = [];
  const ids = [...(c.all ?? []), ...(c.any ?? []).filter((id) => state.findings[id]?.present === true)];
  for (const id of ids) {
    const ev = state.findings[id]?.evidence;
    if (ev) out.push(ev);
  }
  const facts: Array<[keyof Condition, string]> = [
    ['age', 'age'],
    ['durationHours', 'duration'],
    ['painScore', 'pain'],
    ['temperature', 'temperature'],
    ['gestationWeeks', 'gestation'],
    ['pulse', 'pulse'],
  ];
  for (const [key, fact] of facts) {
    const ev = state.factEvidence[fact];
    if (c[key] !== undefined && ev) out.push(ev);
  }
  return [...new Set(out)];
}

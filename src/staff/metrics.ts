// What a lead nurse reads of the service: cases per day by urgency, language and channel; time to
// a nurse's first action per urgency (median, 90th percentile); how often nurses changed the
// disposition, up or down, per protocol; cases waiting for a person now; and the same numbers per
// language, which show whether patients of one language are triaged (or answered) differently.
// Built from codes, dispositions and times only: no text, nothing that identifies a patient.
import { DateTime } from 'luxon';
import type { CaseDoc } from '../repositories/cases';
import { DISPOSITIONS, urgencyRank, type Disposition } from '../triage/types';
import { STAFF_REQUEST_REASON } from './case-view';

export interface Spread {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface OverrideRate {
  cases: number;
  up: number;
  down: number;
  upRate: number;
  downRate: number;
}

export interface LanguageRow extends OverrideRate {
  language: string;
  byDisposition: Record<Disposition, number>;
  timeToClaim: Spread;
}

export interface StaffMetrics {
  from: string;
  to: string;
  timezone: string;
  total: number;
  /** True when more cases fell in the range than were read: the numbers are a lower bound. */
  truncated: boolean;
  perDay: Array<{ day: string; byDisposition: Record<Disposition, number>; total: number }>;
  byLanguage: LanguageRow[];
  byChannel: Array<{ channel: string; cases: number; byDisposition: Record<Disposition, number> }>;
  timeToClaim: Record<Disposition, Spread>;
  overridesByProtocol: Array<OverrideRate & { protocol: string }>;
  awaitingNow: { open: number; askedForPerson: number; byDisposition: Record<Disposition, number> };
}

const zeroes = (): Record<Disposition, number> => ({ emergency: 0, urgent: 0, routine: 0, self_care: 0 });

/** The disposition the triage gave, before any nurse changed it. */
export const triaged = (c: CaseDoc): Disposition => c.overrides[0]?.from ?? c.disposition;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function spread(minutes: number[]): Spread {
  const sorted = [...minutes].sort((a, b) => a - b);
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
  return { count: sorted.length, medianMinutes: round(percentile(sorted, 50)), p90Minutes: round(percentile(sorted, 90)) };
}

function overrideRate(cases: CaseDoc[]): OverrideRate {
  let up = 0;
  let down = 0;
  for (const c of cases) {
    if (c.overrides.length === 0) continue;
    const change = urgencyRank(c.disposition) - urgencyRank(triaged(c));
    if (change < 0) up += 1;
    else if (change > 0) down += 1;
  }
  const rate = (n: number): number => (cases.length ? Math.round((n / cases.length) * 1000) / 1000 : 0);
  return { cases: cases.length, up, down, upRate: rate(up), downRate: rate(down) };
}

function groupBy<K extends string>(cases: CaseDoc[], key: (c: CaseDoc) => K): Map<K, CaseDoc[]> {
  const groups = new Map<K, CaseDoc[]>();
  for (const c of cases) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  return groups;
}

function countByDisposition(cases: CaseDoc[]): Record<Disposition, number> {
  const counts = zeroes();
  for (const c of cases) counts[triaged(c)] += 1;
  return counts;
}

export interface MetricsInput {
  from: string;
  to: string;
  timezone: string;
  cases: CaseDoc[];
  truncated: boolean;
  /** When a nurse first acted on each case (claim, reply or resolve), by case id. */
  firstActionAt: Map<string, Date>;
  openNow: CaseDoc[];
}

export function computeMetrics(input: MetricsInput): StaffMetrics {
  const { cases, firstActionAt, timezone } = input;
  const minutesToClaim = (c: CaseDoc): number | null => {
    const at = firstActionAt.get(c._id);
    return at ? Math.max(0, (at.getTime() - c.createdAt.getTime()) / 60_000) : null;
  };
  const claimTimes = (group: CaseDoc[]): number[] => group.filter((c) => c.escalated).flatMap((c) => minutesToClaim(c) ?? []);
  const day = (c: CaseDoc): string => DateTime.fromJSDate(c.createdAt, { zone: timezone }).toISODate()!;

  const perDay = [...groupBy(cases, day)].sort(([a], [b]) => a.localeCompare(b)).map(([d, group]) => ({ day: d, byDisposition: countByDisposition(group), total: group.length }));
  const byLanguage = [...groupBy(cases, (c) => c.language)].sort(([a], [b]) => a.localeCompare(b)).map(([language, group]) => ({
    language,
    byDisposition: countByDisposition(group),
    timeToClaim: spread(claimTimes(group)),
    ...overrideRate(group),
  }));
  const byChannel = [...groupBy(cases, (c) => c.channel)].sort(([a], [b]) => a.localeCompare(b)).map(([channel, group]) => ({ channel, cases: group.length, byDisposition: countByDisposition(group) }));
  const byUrgency = groupBy(cases, triaged);
  const timeToClaim = Object.fromEntries(DISPOSITIONS.map((d) => [d, spread(claimTimes(byUrgency.get(d) ?? []))])) as Record<Disposition, Spread>;
  const overridesByProtocol = [...groupBy(cases, (c) => c.protocol)].sort(([a], [b]) => a.localeCompare(b)).map(([protocol, group]) => ({ protocol, ...overrideRate(group) }));
  const awaitingNow = {
    open: input.openNow.length,
    askedForPerson: input.openNow.filter((c) => c.reasons.some((r) => r.code === STAFF_REQUEST_REASON)).length,
    byDisposition: Object.fromEntries(DISPOSITIONS.map((d) => [d, input.openNow.filter((c) => c.disposition === d).length])) as Record<Disposition, number>,
  };
  return { from: input.from, to: input.to, timezone, total: cases.length, truncated: input.truncated, perDay, byLanguage, byChannel, timeToClaim, overridesByProtocol, awaitingNow };
}

const csvCell = (v: string | number | null): string => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** One row per number (section, group, measure, value): easy to filter and pivot in a spreadsheet. */
export function metricsCsv(m: StaffMetrics): string {
  const rows: Array<[string, string, string, string | number | null]> = [];
  for (const d of m.perDay) for (const disp of DISPOSITIONS) rows.push(['cases_per_day', d.day, disp, d.byDisposition[disp]]);
  for (const l of m.byLanguage) {
    for (const disp of DISPOSITIONS) rows.push(['cases_by_language', l.language, disp, l.byDisposition[disp]]);
    rows.push(['time_to_claim_by_language', l.language, 'median_minutes', l.timeToClaim.medianMinutes], ['time_to_claim_by_language', l.language, 'p90_minutes', l.timeToClaim.p90Minutes]);
    rows.push(['overrides_by_language', l.language, 'up_rate', l.upRate], ['overrides_by_language', l.language, 'down_rate', l.downRate]);
  }
  for (const c of m.byChannel) for (const disp of DISPOSITIONS) rows.push(['cases_by_channel', c.channel, disp, c.byDisposition[disp]]);
  for (const disp of DISPOSITIONS) {
    const s = m.timeToClaim[disp];
    rows.push(['time_to_claim', disp, 'count', s.count], ['time_to_claim', disp, 'median_minutes', s.medianMinutes], ['time_to_claim', disp, 'p90_minutes', s.p90Minutes]);
  }
  for (const p of m.overridesByProtocol) rows.push(['overrides_by_protocol', p.protocol, 'cases', p.cases], ['overrides_by_protocol', p.protocol, 'up', p.up], ['overrides_by_protocol', p.protocol, 'down', p.down]);
  rows.push(['awaiting_now', 'all', 'open', m.awaitingNow.open], ['awaiting_now', 'all', 'asked_for_person', m.awaitingNow.askedForPerson]);
  return ['section,group,measure,value', ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

// What staff see of a case. The queue gets summaries (no PHI: no text, no notes); the case view
// adds the decrypted transcript and notes, and is only built after its audit row is written.
import type { AppointmentDoc } from '../scheduling/appointments';
import type { CaseDoc, CaseFinding, CaseIdentity } from '../repositories/cases';
import type { StoredActivity } from '../repositories/transcripts';
import type { Services } from '../services';

export interface CaseSummary {
  id: string;
  disposition: CaseDoc['disposition'];
  urgency: number;
  status: CaseDoc['status'];
  channel: string;
  language: CaseDoc['language'];
  /** The chief complaint: the protocol the triage followed (the console shows its label). */
  protocol: string;
  ageBand: CaseDoc['ageBand'] | null;
  /** The patient asked to talk to a person (a reason code, so no text is read). */
  askedForPerson: boolean;
  escalated: boolean;
  claimedBy: { id: string; email: string | null } | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

export const STAFF_REQUEST_REASON = 'patient_requested_staff';

/**
 * What staff are shown of the findings: only those the patient's own words support (a finding set
 * without them, as older cases have, could be a misreading nobody can check), with the words.
 */
export function evidencedFindings(findings: CaseFinding[]): Array<Required<CaseFinding>> {
  return findings.flatMap((f) => (f.evidence?.trim() ? [{ ...f, evidence: f.evidence.trim() }] : []));
}

export function summarize(doc: CaseDoc, emails: Map<string, string>): CaseSummary {
  return {
    id: doc._id,
    disposition: doc.disposition,
    urgency: doc.urgency,
    status: doc.status,
    channel: doc.channel,
    language: doc.language,
    protocol: doc.protocol,
    ageBand: doc.ageBand ?? null,
    askedForPerson: doc.reasons.some((r) => r.code === STAFF_REQUEST_REASON),
    escalated: doc.escalated,
    claimedBy: doc.claimedBy ? { id: doc.claimedBy, email: emails.get(doc.claimedBy) ?? null } : null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    resolvedAt: doc.resolvedAt ?? null,
  };
}

export async function summarizeAll(services: Services, docs: CaseDoc[]): Promise<CaseSummary[]> {
  const emails = await services.repos.staff.users.emailsById(docs.flatMap((d) => (d.claimedBy ? [d.claimedBy] : [])));
  return docs.map((d) => summarize(d, emails));
}

export interface TranscriptLine {
  seq: number;
  role: StoredActivity['from']['role'];
  at: string;
  text: string;
  name?: string;
  /** The answers the bot offered, so staff see what the patient chose from. */
  choices?: string[];
}

interface SuggestedActions {
  actions?: Array<{ title?: string; value?: unknown }>;
}

const choiceLabel = (x: { title?: string; value?: unknown }): string => x.title ?? (typeof x.value === 'string' ? x.value : JSON.stringify(x.value ?? ''));

export function transcriptLines(activities: Array<StoredActivity & { seq: number }>): TranscriptLine[] {
  return activities
    .filter((a) => a.type === 'message')
    .map((a) => {
      const actions = (a.suggestedActions as SuggestedActions | undefined)?.actions ?? [];
      const line: TranscriptLine = { seq: a.seq, role: a.from.role, at: a.timestamp, text: a.text ?? (a.value === undefined ? '' : JSON.stringify(a.value)) };
      if (a.from.role === 'staff' && a.from.name) line.name = a.from.name;
      if (actions.length) line.choices = actions.map(choiceLabel);
      return line;
    });
}

function appointmentView(a: AppointmentDoc | null): Record<string, unknown> | null {
  if (!a) return null;
  return { id: a._id, reference: a.reference, start: a.start, end: a.end, timezone: a.timezone, providerId: a.providerId, status: a.status };
}

export interface CaseDetail {
  case: CaseSummary & {
    reasons: CaseDoc['reasons'];
    findings: Array<Required<CaseFinding>>;
    guardEvents: CaseDoc['guardEvents'];
    overrides: Array<CaseDoc['overrides'][number] & { byEmail: string | null }>;
    handoverSource: CaseDoc['handoverSource'] | null;
    /** What changed after the case was opened (a red flag raised it, the patient asked for a person or wrote again). */
    updates: NonNullable<CaseDoc['updates']>;
  };
  /** What the patient gave of who they are; null when nothing. */
  identity: CaseIdentity | null;
  /** The number to call the patient back on: the one they gave, else their SMS number. */
  callBack: { phone: string; from: 'patient' | 'channel' } | null;
  handoverNote: string | null;
  resolutionNote: string | null;
  transcript: TranscriptLine[];
  appointment: Record<string, unknown> | null;
}

export async function caseDetail(services: Services, doc: CaseDoc): Promise<CaseDetail> {
  const { cases, transcripts, appointments, staff } = services.repos;
  const overrides = cases.overrides(doc);
  const emails = await staff.users.emailsById([...(doc.claimedBy ? [doc.claimedBy] : []), ...overrides.map((o) => o.by)]);
  const [activities, appointment, conversation] = await Promise.all([
    transcripts.since(doc.conversationId, 0),
    doc.appointmentId ? appointments.get(doc.appointmentId) : Promise.resolve(null),
    doc.channel === 'sms' ? services.repos.conversations.get(doc.conversationId) : Promise.resolve(null),
  ]);
  const identity = cases.identity(doc);
  const smsNumber = conversation ? services.repos.conversations.address(conversation) : undefined;
  return {
    case: {
      ...summarize(doc, emails),
      reasons: cases.reasons(doc),
      findings: evidencedFindings(cases.findings(doc)),
      guardEvents: doc.guardEvents,
      overrides: overrides.map((o) => ({ ...o, byEmail: emails.get(o.by) ?? null })),
      handoverSource: doc.handoverSource ?? null,
      updates: doc.updates ?? [],
    },
    identity,
    callBack: identity?.phone ? { phone: identity.phone, from: 'patient' } : smsNumber ? { phone: smsNumber, from: 'channel' } : null,
    handoverNote: cases.handoverNote(doc) ?? null,
    resolutionNote: cases.resolutionNote(doc) ?? null,
    transcript: transcriptLines(activities),
    appointment: appointmentView(appointment),
  };
}

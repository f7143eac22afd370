// A case records a triage outcome for staff: the disposition, its reasons, the findings, and the
// workflow state (open → claimed → resolved). Every disposition is recorded; urgent and emergency
// ones are escalated to the staff queue. Everything a patient or a nurse typed is PHI and is kept
// encrypted: the reasons' texts (they quote the patient's words), the handover and resolution
// notes, the override reasons. Codes, dispositions and finding ids stay in clear for queries;
// the texts are decrypted only for the case view (reasons(), overrides(), the note readers).
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineCollection, type Filter, type Store } from '../store/collection';
import type { FieldCipher } from '../security/field-cipher';
import { AGE_BANDS, type AgeBand } from '../triage/age-band';
import { DISPOSITIONS, LANGUAGES, moreUrgent, urgencyRank, type Disposition, type Language, type Reason } from '../triage/types';

export type CaseStatus = 'open' | 'claimed' | 'resolved';

export interface GuardEvent {
  at: Date;
  guard: string;
  action: 'passed' | 'refused' | 'fallback' | 'raised' | 'redacted';
  reason?: string;
}

export interface CaseDoc {
  _id: string;
  conversationId: string;
  channel: string;
  language: Language;
  disposition: Disposition;
  /** 0 = emergency; sorts the queue most urgent first. */
  urgency: number;
  protocol: string;
  /** Reason codes in clear, their texts encrypted: read them with CaseRepository.reasons(). */
  reasons: Reason[];
  /** `evidence` (the patient's words behind the finding) encrypted: read them with CaseRepository.findings(). */
  findings: CaseFinding[];
  /** Coarse and not identifying (see triage/age-band.ts), for the queue. */
  ageBand?: AgeBand | null;
  escalated: boolean;
  status: CaseStatus;
  claimedBy?: string | null;
  /** Encrypted SBAR handover note. */
  handoverNote?: string;
  handoverSource?: 'template' | 'llm';
  guardEvents: GuardEvent[];
  /** Override reasons encrypted: read them with CaseRepository.overrides(). */
  overrides: CaseOverride[];
  appointmentId?: string | null;
  /** What happened to the case after it was opened, newest last: staff see a case change under their eyes. */
  updates?: CaseUpdate[];
  /** When a nurse last handed the case back to the bot. */
  handedBackAt?: Date | null;
  /** Encrypted resolution note. */
  resolutionNote?: string;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt?: Date | null;
  /** What the patient said of who they are and how to call them back, each field encrypted: read with identity(). */
  identity?: CaseIdentity | null;
}

export interface CaseIdentity {
  name?: string;
  dateOfBirth?: string;
  phone?: string;
}

export interface CaseFinding {
  id: string;
  present: boolean;
  source: string;
  evidence?: string;
}

export interface CaseUpdate {
  at: Date;
  /** raised: a more urgent disposition; reasons: new reasons at the same urgency; staff_request: asked for a person; patient_message: wrote while waiting for staff */
  kind: 'raised' | 'reasons' | 'staff_request' | 'patient_message';
  from?: Disposition;
  to?: Disposition;
  codes?: string[];
}

/** What the bot asks a patient for (before a booking, for a call-back); stored encrypted as CaseIdentity. */
export type PatientIdentity = CaseIdentity;

export interface CaseOverride {
  at: Date;
  by: string;
  from: Disposition;
  to: Disposition;
  reason: string;
}

const reasonSchema = new Schema<Reason>({ code: { type: String, required: true }, text: { type: String, required: true } }, { _id: false });

const schema = new Schema<CaseDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    channel: { type: String, required: true },
    language: { type: String, enum: LANGUAGES, required: true },
    disposition: { type: String, enum: DISPOSITIONS, required: true },
    urgency: { type: Number, required: true, min: 0, max: 3 },
    protocol: { type: String, required: true },
    reasons: { type: [reasonSchema], validate: (v: Reason[]) => v.length > 0 },
    findings: { type: [{ id: String, present: Boolean, source: String, evidence: String, _id: false }], default: [] },
    ageBand: { type: String, enum: [...AGE_BANDS], default: null },
    escalated: { type: Boolean, required: true },
    status: { type: String, enum: ['open', 'claimed', 'resolved'], required: true },
    claimedBy: { type: String, default: null },
    handoverNote: String,
    handoverSource: { type: String, enum: ['template', 'llm'] },
    guardEvents: { type: [{ at: Date, guard: String, action: String, reason: String, _id: false }], default: [] },
    overrides: { type: [{ at: Date, by: String, from: String, to: String, reason: String, _id: false }], default: [] },
    appointmentId: { type: String, default: null },
    updates: { type: [{ at: Date, kind: String, from: String, to: String, codes: [String], _id: false }], default: [] },
    handedBackAt: { type: Date, default: null },
    resolutionNote: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    identity: { type: { name: String, dateOfBirth: String, phone: String, _id: false }, default: null },
  },
  { versionKey: false },
);
schema.index({ status: 1, urgency: 1, createdAt: 1 });
schema.index({ conversationId: 1, createdAt: -1 });
// The staff console's live feed polls for cases changed since its last look (src/staff/case-feed.ts).
schema.index({ updatedAt: 1 });

export const casesCollection = defineCollection<CaseDoc>('cases', schema);

export interface NewCase {
  conversationId: string;
  channel: string;
  language: Language;
  disposition: Disposition;
  protocol: string;
  reasons: Reason[];
  findings: CaseFinding[];
  ageBand?: AgeBand | null;
  handoverNote: string;
  handoverSource: 'template' | 'llm';
  guardEvents?: GuardEvent[];
}

export class CaseRepository {
  readonly col;

  constructor(
    store: Store,
    private readonly cipher: FieldCipher,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(casesCollection);
  }

  async create(c: NewCase): Promise<CaseDoc> {
    const now = this.now();
    const escalated = c.disposition === 'emergency' || c.disposition === 'urgent';
    return this.col.insertOne({
      _id: randomUUID(),
      conversationId: c.conversationId,
      channel: c.channel,
      language: c.language,
      disposition: c.disposition,
      urgency: urgencyRank(c.disposition),
      protocol: c.protocol,
      reasons: c.reasons.map((r) => ({ code: r.code, text: this.cipher.encrypt(r.text) })),
      findings: c.findings.map((f) => this.sealFinding(f)),
      ageBand: c.ageBand ?? null,
      escalated,
      // Self-care and routine outcomes are recorded but need no nurse: they start resolved unless escalated.
      status: escalated ? 'open' : 'resolved',
      claimedBy: null,
      handoverNote: this.cipher.encrypt(c.handoverNote),
      handoverSource: c.handoverSource,
      guardEvents: c.guardEvents ?? [],
      overrides: [],
      appointmentId: null,
      createdAt: now,
      updatedAt: now,
      resolvedAt: escalated ? null : now,
    });
  }

  /**
   * One open case per conversation: a later outcome, red flag or request for a person updates the
   * conversation's open (or claimed) case, raising its urgency and never lowering it, and adds what
   * is new to its reasons and findings; with no open case, a new one is opened.
   */
  async record(c: NewCase, kind: 'outcome' | 'staff_request' = 'outcome'): Promise<CaseDoc> {
    const open = await this.col.findOne({ conversationId: c.conversationId, status: { $in: ['open', 'claimed'] } }, { sort: { createdAt: -1 } });
    if (!open) return this.create(c);
    const now = this.now();
    const disposition = moreUrgent(open.disposition, c.disposition);
    const raised = disposition !== open.disposition;
    const known = new Set(open.reasons.map((r) => r.code));
    const fresh = c.reasons.filter((r) => !known.has(r.code));
    const findings = new Map(open.findings.map((f) => [f.id, f]));
    // A finding only moves towards present, as in the engine.
    for (const f of c.findings) if (!findings.get(f.id)?.present) findings.set(f.id, this.sealFinding(f));
    const update: CaseUpdate = { at: now, kind: kind === 'staff_request' ? 'staff_request' : raised ? 'raised' : 'reasons', ...(raised ? { from: open.disposition, to: disposition } : {}), codes: fresh.map((r) => r.code) };
    const updated = await this.col.findOneAndUpdate(
      { _id: open._id, status: { $in: ['open', 'claimed'] } },
      {
        $set: {
          disposition,
          urgency: urgencyRank(disposition),
          escalated: true,
          findings: [...findings.values()],
          ageBand: open.ageBand ?? c.ageBand ?? null,
          updatedAt: now,
          ...(raised ? { handoverNote: this.cipher.encrypt(c.handoverNote), handoverSource: c.handoverSource } : {}),
        },
        $push: { reasons: { $each: fresh.map((r) => ({ code: r.code, text: this.cipher.encrypt(r.text) })) }, updates: update, guardEvents: { $each: c.guardEvents ?? [] } },
      },
    );
    // Resolved in between by a nurse: this is news for a new case.
    return updated ?? this.create(c);
  }

  /** The patient wrote again while waiting for a person: the case moves up the live feed. */
  async notePatientMessage(caseId: string): Promise<void> {
    const now = this.now();
    await this.col.updateOne({ _id: caseId }, { $set: { updatedAt: now }, $push: { updates: { at: now, kind: 'patient_message' } } });
  }

  async setIdentity(caseId: string, identity: PatientIdentity): Promise<void> {
    const sealed: PatientIdentity = {};
    for (const key of ['name', 'dateOfBirth', 'phone'] as const) if (identity[key]) sealed[key] = this.cipher.encrypt(identity[key]);
    await this.col.updateOne({ _id: caseId }, { $set: { identity: sealed, updatedAt: this.now() } });
  }

  get(id: string): Promise<CaseDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** The queue: most urgent first, then oldest. */
  list(filter: Filter, limit = 200): Promise<CaseDoc[]> {
    return this.col.find(filter, { sort: { urgency: 1, createdAt: 1 }, limit });
  }

  latestForConversation(conversationId: string): Promise<CaseDoc | null> {
    return this.col.findOne({ conversationId }, { sort: { createdAt: -1 } });
  }

  async linkAppointment(caseId: string, appointmentId: string): Promise<void> {
    await this.col.updateOne({ _id: caseId }, { $set: { appointmentId, updatedAt: this.now() } });
  }

  async addGuardEvents(caseId: string, events: GuardEvent[]): Promise<void> {
    if (events.length) await this.col.updateOne({ _id: caseId }, { $push: { guardEvents: { $each: events } }, $set: { updatedAt: this.now() } });
  }

  async setHandoverNote(caseId: string, note: string, source: 'template' | 'llm'): Promise<void> {
    await this.col.updateOne({ _id: caseId }, { $set: { handoverNote: this.cipher.encrypt(note), handoverSource: source, updatedAt: this.now() } });
  }

  handoverNote(doc: CaseDoc): string | undefined {
    return doc.handoverNote ? this.cipher.decrypt(doc.handoverNote) : undefined;
  }

  resolutionNote(doc: CaseDoc): string | undefined {
    return doc.resolutionNote ? this.cipher.decrypt(doc.resolutionNote) : undefined;
  }

  /** The reasons with their texts decrypted, for the case view. */
  reasons(doc: CaseDoc): Reason[] {
    return doc.reasons.map((r) => ({ code: r.code, text: this.open(r.text) }));
  }

  /** A finding as stored: the patient's words behind it encrypted. */
  private sealFinding(f: CaseFinding): CaseFinding {
    return f.evidence ? { ...f, evidence: this.cipher.encrypt(f.evidence) } : f;
  }

  /** The findings with their evidence decrypted, for the case view. */
  findings(doc: CaseDoc): CaseFinding[] {
    return doc.findings.map((f) => (f.evidence ? { ...f, evidence: this.open(f.evidence) } : f));
  }

  /** The patient's identity and call-back number decrypted, for the case view; null when none was given. */
  identity(doc: CaseDoc): CaseIdentity | null {
    if (!doc.identity) return null;
    const open: CaseIdentity = {};
    for (const key of ['name', 'dateOfBirth', 'phone'] as const) {
      const value = doc.identity[key];
      if (value) open[key] = this.open(value);
    }
    return Object.keys(open).length ? open : null;
  }

  /** The overrides with their reasons decrypted, for the case view. */
  overrides(doc: CaseDoc): CaseOverride[] {
    return doc.overrides.map((o) => ({ ...o, reason: this.open(o.reason) }));
  }

  /** Cases written before these texts were encrypted hold them in clear: shown as they are. */
  private open(text: string): string {
    return text.startsWith('v1.') ? this.cipher.decrypt(text) : text;
  }

  // Staff workflow. Each change is one conditional single-document update, so two nurses (on any
  // number of instances) racing for one case cannot both win; null means the condition failed and
  // the caller re-reads the case to tell "not found" from "conflict".

  /** Claims an unresolved case. Without `takeOver` (admins only) another holder's claim wins. */
  claim(id: string, staffId: string, takeOver = false): Promise<CaseDoc | null> {
    return this.col.findOneAndUpdate(
      { _id: id, status: { $in: ['open', 'claimed'] }, ...holdableBy(staffId, takeOver) },
      { $set: { status: 'claimed', claimedBy: staffId, updatedAt: this.now() } },
    );
  }

  /** Hands a claimed case back to the queue (and the conversation back to the bot). */
  release(id: string, staffId: string, takeOver = false): Promise<CaseDoc | null> {
    return this.col.findOneAndUpdate(
      { _id: id, status: 'claimed', ...holdableBy(staffId, takeOver) },
      { $set: { status: 'open', claimedBy: null, handedBackAt: this.now(), updatedAt: this.now() } },
    );
  }

  /** Resolves an open case, or one claimed by `staffId`, with an encrypted note. */
  resolve(id: string, staffId: string, note: string, takeOver = false): Promise<CaseDoc | null> {
    const now = this.now();
    return this.col.findOneAndUpdate(
      { _id: id, status: { $in: ['open', 'claimed'] }, ...holdableBy(staffId, takeOver) },
      { $set: { status: 'resolved', claimedBy: staffId, resolutionNote: this.cipher.encrypt(note), resolvedAt: now, updatedAt: now } },
    );
  }

  /**
   * Records a clinician's override of the disposition. `from` must still be the case's disposition,
   * so an override made on a stale view fails instead of silently rewriting someone else's.
   */
  override(id: string, o: { by: string; from: Disposition; to: Disposition; reason: string }, takeOver = false): Promise<CaseDoc | null> {
    const now = this.now();
    return this.col.findOneAndUpdate(
      { _id: id, status: { $in: ['open', 'claimed'] }, disposition: o.from, ...holdableBy(o.by, takeOver) },
      {
        $set: { disposition: o.to, urgency: urgencyRank(o.to), updatedAt: now },
        $push: { overrides: { at: now, by: o.by, from: o.from, to: o.to, reason: this.cipher.encrypt(o.reason) } },
      },
    );
  }

  /** Cases changed at or after `since`, oldest change first: what the live feed polls. */
  listChangedSince(since: Date, limit = 200): Promise<CaseDoc[]> {
    return this.col.find({ updatedAt: { $gte: since } }, { sort: { updatedAt: 1 }, limit });
  }
}

/** Unclaimed, or claimed by this staff member; anyone's when an admin takes over. */
function holdableBy(staffId: string, takeOver: boolean): Filter {
  return takeOver ? {} : { $or: [{ claimedBy: null }, { claimedBy: staffId }] };
}

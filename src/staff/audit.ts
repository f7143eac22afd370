// The audit log: who read or changed which case, and when. Append-only by construction: this class
// is the only code that touches the collection and it offers no update or delete. Rows hold ids and
// actions, never message text or notes (those are PHI and stay encrypted in the case).
import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import { defineCollection, type Filter, type Store } from '../store/collection';

export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'account.locked',
  'logout',
  'user.create',
  'user.unlock',
  'user.deactivate',
  'user.reactivate',
  'user.password_reset',
  'password.change',
  'case.read',
  'case.claim',
  'case.reply',
  'case.override',
  'case.resolve',
  'case.handback',
  'audit.read',
  'metrics.read',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditDoc {
  _id: string;
  at: Date;
  action: AuditAction;
  actorId: string;
  /** Kept with the row so the log stays readable even if accounts are renamed. */
  actorEmail: string;
  caseId?: string | null;
  targetUserId?: string | null;
  /** Non-PHI facts: dispositions of an override, whether a reply was delivered, a takeover. */
  detail?: Record<string, string | boolean | number> | null;
}

const schema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    actorId: { type: String, required: true },
    actorEmail: { type: String, required: true },
    caseId: { type: String, default: null },
    targetUserId: { type: String, default: null },
    detail: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);
schema.index({ at: -1 });
schema.index({ caseId: 1, at: -1 });

export const auditCollection = defineCollection<AuditDoc>('staff_audit', schema);

export type AuditEntry = Omit<AuditDoc, '_id' | 'at'>;

export interface AuditQuery {
  caseId?: string;
  actorId?: string;
  action?: AuditAction;
  before?: Date;
  limit?: number;
}

export class AuditLog {
  private readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(auditCollection);
  }

  record(entry: AuditEntry): Promise<AuditDoc> {
    return this.col.insertOne({ _id: randomUUID(), at: this.now(), ...entry });
  }

  /** When each of these cases first had one of these actions (for the time to a nurse's first action). */
  async firstAt(caseIds: string[], actions: AuditAction[]): Promise<Map<string, Date>> {
    const first = new Map<string, Date>();
    if (caseIds.length === 0) return first;
    const rows = await this.col.find({ caseId: { $in: caseIds }, action: { $in: actions } }, { sort: { at: 1 } });
    for (const r of rows) if (r.caseId && !first.has(r.caseId)) first.set(r.caseId, r.at);
    return first;
  }

  /** Newest first. */
  list(q: AuditQuery = {}): Promise<AuditDoc[]> {
    const filter: Filter = {};
    if (q.caseId) filter.caseId = q.caseId;
    if (q.actorId) filter.actorId = q.actorId;
    if (q.action) filter.action = q.action;
    if (q.before) filter.at = { $lt: q.before };
    return this.col.find(filter, { sort: { at: -1 }, limit: q.limit ?? 100 });
  }
}

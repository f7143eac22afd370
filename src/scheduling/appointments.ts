// Appointments: one document per booking. Double booking is made impossible by the store, not by
// checking first: a unique index on (providerId, start) over booked appointments only, which both
// engines enforce, so of any number of concurrent attempts for one slot exactly one is inserted.
// Reminders are claimed with one atomic findOneAndUpdate each, so several workers never share one.
import { randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Schema } from 'mongoose';
import { DuplicateKeyError, defineCollection, type Store } from '../store/collection';
import { DISPOSITIONS, LANGUAGES, type Disposition, type Language } from '../triage/types';
import { slotKey, type Slot, type TakenSlots } from './slots';

export type AppointmentStatus = 'booked' | 'cancelled';

export interface AppointmentDoc {
  _id: string;
  /** Short code the patient quotes to cancel or reschedule, stored without the dash (e.g. "K7MQ4X"). */
  reference: string;
  providerId: string;
  start: Date;
  end: Date;
  timezone: string;
  status: AppointmentStatus;
  /** The conversation key (channel:id) the reminder goes to; the channel picks the sender. */
  conversationId: string;
  caseId: string | null;
  disposition: Disposition | null;
  language: Language;
  reminderDueAt: Date | null;
  reminderClaimedBy: string | null;
  reminderLeaseUntil: Date | null;
  reminderSentAt: Date | null;
  /** 'delivered' or why it was not (e.g. 'opted_out'); never message text. */
  reminderOutcome: string | null;
  /** Bumped on every change, for calendar files (RFC 5545 SEQUENCE). */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

const schema = new Schema<AppointmentDoc>(
  {
    _id: { type: String, required: true },
    reference: { type: String, required: true, match: /^[A-Z0-9]{6}$/ },
    providerId: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    timezone: { type: String, required: true },
    status: { type: String, enum: ['booked', 'cancelled'], required: true },
    conversationId: { type: String, required: true },
    caseId: { type: String, default: null },
    disposition: { type: String, enum: DISPOSITIONS, default: null },
    language: { type: String, enum: LANGUAGES, required: true },
    reminderDueAt: { type: Date, default: null },
    reminderClaimedBy: { type: String, default: null },
    reminderLeaseUntil: { type: Date, default: null },
    reminderSentAt: { type: Date, default: null },
    reminderOutcome: { type: String, default: null },
    sequence: { type: Number, default: 0, min: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    cancelledAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// Cancelled appointments keep their row (for the record) without blocking the slot.
schema.index({ providerId: 1, start: 1 }, { unique: true, name: 'booked_slot', partialFilterExpression: { status: 'booked' } });
schema.index({ reference: 1 }, { unique: true, name: 'reference' });
schema.index({ status: 1, reminderDueAt: 1 });
schema.index({ conversationId: 1, start: 1 });

export const appointmentsCollection = defineCollection<AppointmentDoc>('appointments', schema);

export class SlotTakenError extends Error {
  constructor() {
    super('slot already booked');
    this.name = 'SlotTakenError';
  }
}

export interface NewAppointment {
  slot: Slot;
  timezone: string;
  conversationId: string;
  language: Language;
  caseId?: string;
  disposition?: Disposition;
}

// No 0/O, 1/I/L: a code read over the phone or typed on a keypad must survive it.
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const REFERENCE_LENGTH = 6;
const REFERENCE_ATTEMPTS = 5;
/** A claimed reminder whose worker died is retried after this long. */
export const DEFAULT_REMINDER_LEASE_MS = 5 * 60_000;

export function newReference(): string {
  return Array.from({ length: REFERENCE_LENGTH }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
}

/** "K7MQ4X" → "K7M-Q4X", as shown to patients. */
export function formatReference(reference: string): string {
  return `${reference.slice(0, 3)}-${reference.slice(3)}`;
}

/** Codes in what a patient typed ("k7m q4x", "my code is K7M-Q4X"), in the stored form, first seen first. */
export function referenceCandidates(input: string): string[] {
  const out: string[] = [];
  for (const m of input.toUpperCase().matchAll(/(?<![A-Z0-9])([A-Z0-9]{3})[\s-]?([A-Z0-9]{3})(?![A-Z0-9])/g)) {
    const code = m[1]! + m[2]!;
    if ([...code].every((c) => REFERENCE_ALPHABET.includes(c)) && !out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * The day before at the same wall-clock time (what "24 hours before" means to a patient, also across
 * a DST change); when that has passed already (a booking for tomorrow), two hours before; else none.
 */
export function reminderDueAt(start: Date, now: Date, timezone: string): Date | null {
  const dayBefore = DateTime.fromJSDate(start, { zone: timezone }).minus({ days: 1 }).toJSDate();
  if (dayBefore.getTime() > now.getTime()) return dayBefore;
  const shortly = new Date(start.getTime() - 2 * 3600_000);
  return shortly.getTime() > now.getTime() ? shortly : null;
}

function isSlotClash(err: unknown): boolean {
  return err instanceof DuplicateKeyError && !err.index.includes('reference');
}

export class AppointmentRepository {
  readonly col;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly leaseMs = DEFAULT_REMINDER_LEASE_MS,
  ) {
    this.col = store.collection(appointmentsCollection);
  }

  /** Books the slot; throws SlotTakenError when someone else holds it. */
  async book(a: NewAppointment): Promise<AppointmentDoc> {
    const now = this.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.col.insertOne({
          _id: randomUUID(),
          reference: newReference(),
          providerId: a.slot.providerId,
          start: a.slot.start,
          end: a.slot.end,
          timezone: a.timezone,
          status: 'booked',
          conversationId: a.conversationId,
          caseId: a.caseId ?? null,
          disposition: a.disposition ?? null,
          language: a.language,
          ...this.freshReminder(a.slot.start, a.timezone, now),
          sequence: 0,
          createdAt: now,
          updatedAt: now,
          cancelledAt: null,
        });
      } catch (err) {
        if (isSlotClash(err)) throw new SlotTakenError();
        // A reference clash is rare (31^6 codes); draw another.
        if (!(err instanceof DuplicateKeyError) || attempt >= REFERENCE_ATTEMPTS) throw err;
      }
    }
  }

  findByReference(reference: string): Promise<AppointmentDoc | null> {
    return this.col.findOne({ reference });
  }

  get(id: string): Promise<AppointmentDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** Booked appointments of a conversation that have not started yet, soonest first. */
  upcomingForConversation(conversationId: string, limit = 5): Promise<AppointmentDoc[]> {
    return this.col.find({ conversationId, status: 'booked', start: { $gt: this.now() } }, { sort: { start: 1 }, limit });
  }

  /** Returns the cancelled appointment, or null when no booked one has this reference. */
  cancel(reference: string): Promise<AppointmentDoc | null> {
    const now = this.now();
    return this.col.findOneAndUpdate(
      { reference, status: 'booked' },
      { $set: { status: 'cancelled', cancelledAt: now, updatedAt: now, reminderDueAt: null }, $inc: { sequence: 1 } },
    );
  }

  /**
   * Moves a booked appointment to another slot in one atomic update (the unique index guards the new
   * slot), keeping its reference. Null when no booked one has this reference; SlotTakenError when taken.
   */
  async reschedule(reference: string, slot: Slot): Promise<AppointmentDoc | null> {
    const now = this.now();
    const current = await this.findByReference(reference);
    if (!current || current.status !== 'booked') return null;
    try {
      return await this.col.findOneAndUpdate(
        { reference, status: 'booked' },
        { $set: { providerId: slot.providerId, start: slot.start, end: slot.end, updatedAt: now, ...this.freshReminder(slot.start, current.timezone, now) }, $inc: { sequence: 1 } },
      );
    } catch (err) {
      if (isSlotClash(err)) throw new SlotTakenError();
      throw err;
    }
  }

  /** Keys (see slotKey) of the booked slots starting in [from, to). */
  async takenSlots(from: Date, to: Date): Promise<TakenSlots> {
    const booked = await this.col.find({ status: 'booked', start: { $gte: from, $lt: to } });
    return new Set(booked.map(slotKey));
  }

  /** Claims up to `limit` due reminders for this worker; each claim is one atomic update. */
  async claimDueReminders(workerId: string, now: Date, limit: number): Promise<AppointmentDoc[]> {
    const claimed: AppointmentDoc[] = [];
    while (claimed.length < limit) {
      const doc = await this.col.findOneAndUpdate(
        {
          status: 'booked',
          reminderDueAt: { $ne: null, $lte: now },
          reminderSentAt: null,
          start: { $gt: now },
          $or: [{ reminderLeaseUntil: null }, { reminderLeaseUntil: { $lte: now } }],
        },
        { $set: { reminderClaimedBy: workerId, reminderLeaseUntil: new Date(now.getTime() + this.leaseMs) } },
        { sort: { reminderDueAt: 1 } },
      );
      if (!doc) break;
      claimed.push(doc);
    }
    return claimed;
  }

  /** Records the reminder as done, only if this worker still holds the claim. */
  async markReminderSent(id: string, workerId: string, outcome = 'delivered'): Promise<boolean> {
    const now = this.now();
    const r = await this.col.updateOne(
      { _id: id, reminderClaimedBy: workerId, reminderSentAt: null },
      { $set: { reminderSentAt: now, reminderOutcome: outcome, reminderLeaseUntil: null, updatedAt: now } },
    );
    return r.modified === 1;
  }

  /** Gives a claim back (a transient failure) so another round retries it after `retryAt`. */
  async releaseReminder(id: string, workerId: string, retryAt: Date): Promise<void> {
    await this.col.updateOne({ _id: id, reminderClaimedBy: workerId, reminderSentAt: null }, { $set: { reminderLeaseUntil: retryAt } });
  }

  private freshReminder(start: Date, timezone: string, now: Date): Pick<AppointmentDoc, 'reminderDueAt' | 'reminderClaimedBy' | 'reminderLeaseUntil' | 'reminderSentAt' | 'reminderOutcome'> {
    return { reminderDueAt: reminderDueAt(start, now, timezone), reminderClaimedBy: null, reminderLeaseUntil: null, reminderSentAt: null, reminderOutcome: null };
  }
}

// Clinic staff accounts: nurses and admins. Passwords are kept only as argon2id hashes; emails are
// unique (case-insensitively, by storing them lowercased).
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { Schema } from 'mongoose';
import { DuplicateKeyError, defineCollection, type Store } from '../store/collection';

export const STAFF_ROLES = ['nurse', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUserDoc {
  _id: string;
  email: string;
  /** Shown to patients next to a staff reply, e.g. "Nurse Ana"; the widget says "Clinic staff" without it. */
  displayName?: string | null;
  role: StaffRole;
  passwordHash: string;
  createdAt: Date;
  createdBy: string | null;
  /** false: an admin deactivated the account; it cannot sign in. Absent on accounts made before this existed. */
  active?: boolean;
  /** Set by an admin's password reset: the user chooses a new password before doing anything else. */
  mustChangePassword?: boolean;
}

export const isActive = (u: StaffUserDoc): boolean => u.active !== false;

const schema = new Schema<StaffUserDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    displayName: { type: String, default: null },
    role: { type: String, enum: STAFF_ROLES, required: true },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, default: null },
    active: { type: Boolean, default: true },
    mustChangePassword: { type: Boolean, default: false },
  },
  { versionKey: false },
);
schema.index({ email: 1 }, { unique: true });

export const staffUsersCollection = defineCollection<StaffUserDoc>('staff_users', schema);

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): strong, and cheap enough that a login
// burst does not starve the bot of CPU.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class EmailTakenError extends Error {
  constructor() {
    super('a staff user with this email exists');
    this.name = 'EmailTakenError';
  }
}

export interface NewStaffUser {
  email: string;
  password: string;
  role: StaffRole;
  displayName?: string;
  createdBy?: string;
}

export const normalizeEmail = (email: string): string => email.normalize('NFKC').trim().toLowerCase();

export class StaffUserRepository {
  private readonly col;
  private dummyHash?: Promise<string>;

  constructor(
    store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.col = store.collection(staffUsersCollection);
  }

  async create(u: NewStaffUser): Promise<StaffUserDoc> {
    const passwordHash = await argon2.hash(u.password, HASH_OPTIONS);
    try {
      return await this.col.insertOne({
        _id: randomUUID(),
        email: normalizeEmail(u.email),
        displayName: u.displayName ?? null,
        role: u.role,
        passwordHash,
        createdAt: this.now(),
        createdBy: u.createdBy ?? null,
        active: true,
        mustChangePassword: false,
      });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new EmailTakenError();
      throw err;
    }
  }

  get(id: string): Promise<StaffUserDoc | null> {
    return this.col.findOne({ _id: id });
  }

  findByEmail(email: string): Promise<StaffUserDoc | null> {
    return this.col.findOne({ email: normalizeEmail(email) });
  }

  /** Email by user id, for showing who holds a case or wrote an override. */
  async emailsById(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.col.find({ _id: { $in: unique } });
    return new Map(users.map((u) => [u._id, u.email]));
  }

  list(): Promise<StaffUserDoc[]> {
    return this.col.find({}, { sort: { email: 1 }, limit: 1000 });
  }

  /** Deactivates or reactivates an account; null when there is no such user. */
  setActive(id: string, active: boolean): Promise<StaffUserDoc | null> {
    return this.col.findOneAndUpdate({ _id: id }, { $set: { active } });
  }

  /** A new password; `mustChange` when an admin set it, so the user picks their own at next sign-in. */
  async setPassword(id: string, password: string, mustChange: boolean): Promise<StaffUserDoc | null> {
    const passwordHash = await argon2.hash(password, HASH_OPTIONS);
    return this.col.findOneAndUpdate({ _id: id }, { $set: { passwordHash, mustChangePassword: mustChange } });
  }

  /** Active admins other than `exceptId`: an admin may not remove the clinic's last one. */
  otherActiveAdmins(exceptId: string): Promise<number> {
    return this.col.count({ role: 'admin', _id: { $ne: exceptId }, active: { $ne: false } });
  }

  async any(): Promise<boolean> {
    return (await this.col.findOne({})) !== null;
  }

  /**
   * Whether the password is the user's. Without a user (unknown email) it still costs one argon2
   * verification, so response time does not tell which emails have accounts.
   */
  async checkPassword(user: StaffUserDoc | null, password: string): Promise<boolean> {
    if (!user) {
      this.dummyHash ??= argon2.hash('not-a-real-password', HASH_OPTIONS);
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(user.passwordHash, password).catch(() => false);
  }
}

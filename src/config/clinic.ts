// The clinic file: who the clinic is and when it is open. Validated at start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IANAZone } from 'luxon';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { LANGUAGES } from '../triage/types';
import { projectRoot } from './paths';

const Lang = z.enum(LANGUAGES);
const PerLanguage = z.object(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().min(1)])) as Record<(typeof LANGUAGES)[number], z.ZodString>);
const Range = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 08:00-12:00');
const Day = z.array(Range).default([]);

/** Minutes a case may wait for a nurse before the console shows it overdue; null: no target. */
const Minutes = z.number().int().min(1).max(60 * 24 * 14).nullable();
export const DEFAULT_WAIT_TARGETS = { emergency: 5, urgent: 30, routine: 24 * 60, self_care: null };
const WaitTargets = z
  .object({
    emergency: Minutes.default(DEFAULT_WAIT_TARGETS.emergency),
    urgent: Minutes.default(DEFAULT_WAIT_TARGETS.urgent),
    routine: Minutes.default(DEFAULT_WAIT_TARGETS.routine),
    self_care: Minutes.default(DEFAULT_WAIT_TARGETS.self_care),
  })
  .strict()
  .default(DEFAULT_WAIT_TARGETS);

export const ClinicSchema = z.object({
  name: z.string().min(1),
  phone: z.string().min(3),
  address: z.string().default(''),
  timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone'),
  emergencyNumber: z.string().min(2),
  crisisLine: z.string().min(2),
  defaultLanguage: Lang,
  languages: z.array(Lang).min(1),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#0b6e4f'),
  slotMinutes: z.number().int().min(5).max(120),
  bookingHorizonDays: z.number().int().min(1).max(90).default(14),
  openingHours: z.object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  providers: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1) })).min(1),
  /** Per disposition; a clinic file without it gets the defaults. */
  waitTargetsMinutes: WaitTargets,
  faq: z.array(z.object({ id: z.string(), keywords: z.record(Lang, z.array(z.string())), answer: PerLanguage })).default([]),
});

export type Clinic = z.infer<typeof ClinicSchema>;
export type Weekday = keyof Clinic['openingHours'];

export function loadClinic(path?: string): Clinic {
  const file = path ?? join(projectRoot(), 'clinic', 'demo-clinic.yaml');
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`CLINIC_CONFIG ${file}: cannot read: ${(err as Error).message}`);
  }
  const parsed = ClinicSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`CLINIC_CONFIG ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

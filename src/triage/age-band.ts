// The patient's age as staff see it in the queue: a band, coarse enough to identify nobody, fine
// enough to tell an infant from an older adult at a glance. Labels live in locales (staff.ageBands).
export const AGE_BANDS = ['infant', 'child', 'teen', 'adult', 'older'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(ageYears: number | null | undefined): AgeBand | null {
  if (ageYears === null || ageYears === undefined || !Number.isFinite(ageYears) || ageYears < 0) return null;
  if (ageYears < 1) return 'infant';
  if (ageYears < 13) return 'child';
  if (ageYears < 18) return 'teen';
  if (ageYears < 65) return 'adult';
  return 'older';
}

// zod schemas for the clinical data files under clinical/. The files are the clinical source of
// truth (reviewed by nurses); these schemas only make sure a typo cannot reach a patient.
import { z } from 'zod';
import { DISPOSITIONS } from './types';

const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z][a-z0-9_.]*$/, 'lower-case id: letters, digits, "_" and "."');

/** One value per supported language: every language is required, none may be empty. */
// eslint-disable-next-line @typescript-eslint/explicit-function-return-type -- the zod object type is inferred
function perLanguage<T extends z.ZodType>(value: T) {
  return z.strictObject({ en: value, es: value, fr: value, pt: value, zh: value, vi: value });
}

export const LocalTextSchema = perLanguage(text);
export const LocalPatternsSchema = perLanguage(z.array(text).min(1));

const range = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

/** A condition over what is known about the patient. Every field given must hold. */
export const ConditionSchema = z.strictObject({
  /** all of these findings present */
  all: z.array(id).min(1).optional(),
  /** at least one of these findings present */
  any: z.array(id).min(1).optional(),
  /** none of these findings present (said absent, or never mentioned) */
  none: z.array(id).min(1).optional(),
  /** each of these findings explicitly said to be absent */
  absent: z.array(id).min(1).optional(),
  /** age in years (0.25 = 3 months); an unknown age never matches */
  age: range.optional(),
  sex: z.enum(['female', 'male']).optional(),
  /** how long since it started, in hours; unknown never matches */
  durationHours: range.optional(),
  /** 0-10; unknown never matches */
  painScore: range.optional(),
  /** highest temperature reported, °C; unknown never matches */
  temperature: range.optional(),
});

const disposition = z.enum(DISPOSITIONS);

export const RedFlagSchema = z.strictObject({
  id,
  source: text,
  crisis: z.boolean().default(false),
  /** any one of these phrases, not negated, is enough */
  patterns: LocalPatternsSchema,
  /** or any one of these combinations of what is known */
  combinations: z.array(ConditionSchema).default([]),
  reason: LocalTextSchema,
  advice: LocalTextSchema,
});

export const RedFlagFileSchema = z.strictObject({
  version: text,
  reviewedBy: text,
  redFlags: z.array(RedFlagSchema).min(1),
});

const parse = z.enum(['age', 'duration', 'pain', 'temperature']);

export const ChoiceSchema = z.strictObject({
  value: id,
  label: LocalTextSchema,
  /** findings this choice makes present */
  present: z.array(id).default([]),
  /** findings this choice makes absent */
  absent: z.array(id).default([]),
});

export const QuestionSchema = z.strictObject({
  id,
  kind: z.enum(['yes_no', 'choice', 'number', 'text']),
  /** the finding a yes/no answer sets */
  finding: id.optional(),
  /** what a number/text answer fills in */
  parse: parse.optional(),
  choices: z.array(ChoiceSchema).min(2).optional(),
  /** ask only when this holds */
  askIf: ConditionSchema.optional(),
  text: LocalTextSchema,
});

export const QuestionRefSchema = z.strictObject({
  ref: id,
  askIf: ConditionSchema.optional(),
});

export const RuleSchema = z.strictObject({
  id,
  when: ConditionSchema,
  disposition,
  reason: LocalTextSchema,
});

export const ProtocolSchema = z.strictObject({
  id,
  source: text,
  reviewedBy: text,
  version: text,
  /** breaks ties when a message matches several complaints; higher wins */
  priority: z.number().default(0),
  /** ages (years) this protocol is written for; outside them the `otherwise` protocol is used */
  ageRange: range.optional(),
  otherwise: id.optional(),
  complaint: LocalPatternsSchema,
  questions: z.array(z.union([QuestionRefSchema, QuestionSchema])).min(1).max(10),
  rules: z.array(RuleSchema).default([]),
  default: z.strictObject({ disposition, reason: LocalTextSchema }),
});

export const SharedQuestionsFileSchema = z.strictObject({
  questions: z.array(QuestionSchema).min(1),
});

const advice = z.strictObject({ headline: LocalTextSchema, whatToDo: LocalTextSchema, safetyNet: LocalTextSchema });

export const OutcomesFileSchema = z.strictObject({
  emergency: advice,
  urgent: advice,
  routine: advice,
  self_care: advice,
  crisis: advice,
});

const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const LexiconSchema = z.strictObject({
  language: z.enum(['en', 'es', 'fr', 'pt', 'zh', 'vi']),
  /** words a finding may follow closely to mean it is absent ("no", "sin", "没有") */
  negation: z.array(text).min(1),
  /** phrases that look negative but are not ("can't stop") */
  pseudoNegation: z.array(text).default([]),
  /** phrases that make a mention uncertain ("not sure if") */
  uncertain: z.array(text).min(1),
  /** words that end the reach of a negation ("but") */
  clauseBreaks: z.array(text).default([]),
  /** how many words (characters for Chinese) back a negation reaches */
  negationWindow: z.number().int().min(1).max(12),
  yes: z.array(text).min(1),
  no: z.array(text).min(1),
  numbers: z.record(z.string(), z.number()).default({}),
  /** words right after a number word that make it not a number (Vietnamese "ba tôi" = my dad, not "three") */
  numberNotBefore: z.array(text).default([]),
  durationUnits: z.strictObject({
    minutes: z.array(text).min(1),
    hours: z.array(text).min(1),
    days: z.array(text).min(1),
    weeks: z.array(text).min(1),
    months: z.array(text).min(1),
    years: z.array(text).min(1),
  }),
  /** words before a number+unit that make it not a duration ("every 4 hours") */
  durationNotAfter: z.array(text).default([]),
  /** words after a number+unit that make it not a duration ("6 weeks old", "10 weeks pregnant") */
  durationNotBefore: z.array(text).default([]),
  durationPhrases: z.array(z.strictObject({ pattern: text, hours: z.number().positive() })).default([]),
  /** regular expressions over normalised text with a group named n */
  age: z.array(z.strictObject({ re: regexSource, unit: z.enum(['years', 'months', 'weeks', 'days']) })).min(1),
  painScore: z.array(regexSource).min(1),
  temperature: z.array(regexSource).min(1),
  sex: z.strictObject({ female: z.array(regexSource).min(1), male: z.array(regexSource).min(1) }),
  findings: z.record(id, z.array(text).min(1)),
  /** phrases that say a finding is absent ("breathing is fine" → breathless absent); negated, they mean present */
  denials: z.record(id, z.array(text).min(1)).default({}),
  /** words that make an answer to a worrying yes/no question a "no" ("fine", "normal") */
  reassuring: z.array(text).min(1),
});

export type Condition = z.infer<typeof ConditionSchema>;
export type RedFlagData = z.infer<typeof RedFlagSchema>;
export type QuestionData = z.infer<typeof QuestionSchema>;
export type QuestionRefData = z.infer<typeof QuestionRefSchema>;
export type RuleData = z.infer<typeof RuleSchema>;
export type ProtocolData = z.infer<typeof ProtocolSchema>;
export type OutcomesData = z.infer<typeof OutcomesFileSchema>;
export type LexiconData = z.infer<typeof LexiconSchema>;
export type LocalText = z.infer<typeof LocalTextSchema>;

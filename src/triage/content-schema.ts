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
  /** each of these findings neither said present nor said absent (not answered, or "I'd rather not say") */
  unknown: z.array(id).min(1).optional(),
  /** age in years (0.25 = 3 months); an unknown age never matches */
  age: range.optional(),
  sex: z.enum(['female', 'male']).optional(),
  /** how long since it started, in hours; unknown never matches */
  durationHours: range.optional(),
  /** 0-10; unknown never matches */
  painScore: range.optional(),
  /** highest temperature reported, °C; unknown never matches */
  temperature: range.optional(),
  /** weeks of pregnancy said ("I'm 31 weeks"); unknown never matches */
  gestationWeeks: range.optional(),
  /** heart rate said (a watch, a pulse oximeter, a blood-pressure machine), beats a minute; unknown never matches */
  pulse: range.optional(),
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
  /** what "not sure" means here, when it is not "unknown" ("can you keep safe?": not sure is a no) */
  unsure: z.enum(['yes', 'no']).optional(),
  /** what a hedge means here: on a question about how much ("bleeding heavily?"), "a little" is a no */
  hedge: z.enum(['yes', 'no']).optional(),
  /**
   * what a description that is not a plain no means here: on the crisis questions, "I just want to
   * walk into the sea and not come back" to "have you wished you were dead?" is a yes
   */
  describe: z.enum(['yes']).optional(),
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
  /** the outcome names the crisis line and gives the crisis advice (self-harm) */
  crisis: z.boolean().default(false),
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
  default: z.strictObject({
    disposition,
    reason: LocalTextSchema,
    /**
     * what the default's reason describes, which the patient must have said ("a red, sticky or itchy
     * eye"): a default that reassures about a problem the patient never described is not given
     */
    requires: ConditionSchema.optional(),
    /** given instead when `requires` does not hold: the problem goes to a clinician */
    otherwise: z.strictObject({ disposition, reason: LocalTextSchema }).optional(),
  }).refine((d) => Boolean(d.requires) === Boolean(d.otherwise), 'a default with `requires` names what is given `otherwise`, and only then'),
});

/**
 * Discriminators shared by every protocol (Manchester Triage System's general discriminators, NICE
 * NG143 traffic lights, the C-SSRS screen): their questions are asked, when their `askIf` holds,
 * before a protocol's own; their rules apply whatever the complaint.
 */
export const DiscriminatorFileSchema = z.strictObject({
  id,
  source: text,
  reviewedBy: text,
  version: text,
  /** `first`: asked before anything else (the crisis questions); `after_screen`: after the emergency screen */
  ask: z.enum(['first', 'after_screen']).default('after_screen'),
  questions: z.array(z.union([QuestionRefSchema, QuestionSchema])).default([]),
  rules: z.array(RuleSchema).min(1),
});

export const SCREEN_BANDS = ['adult', 'child', 'baby'] as const;
export type ScreenBand = (typeof SCREEN_BANDS)[number];

export const ScreenItemSchema = z
  .strictObject({
    id,
    bands: z.array(z.enum(SCREEN_BANDS)).min(1),
    /** the red flag a "yes" to this item raises (its reason and advice are given) */
    redFlag: id.optional(),
    /** or the finding a "yes" sets (thoughts of self-harm lead to the crisis questions) */
    finding: id.optional(),
    /** findings that, said in the answer, mean this item ("grunting" for the breathing item) */
    signs: z.array(id).default([]),
    /** shown only when this holds (pregnant; a baby under 3 months) */
    showIf: ConditionSchema.optional(),
    /** left out when the patient already said none of these is happening */
    covers: z.array(id).default([]),
    text: LocalTextSchema,
    /** a few words for a button, or for a text message where the full list would not fit */
    short: LocalTextSchema,
  })
  .refine((i) => Boolean(i.redFlag) !== Boolean(i.finding), 'an item names either a redFlag or a finding');

/** The emergency screen every patient passes before any non-emergency outcome (NHS 111 online, WHO ETAT). */
export const ScreenFileSchema = z.strictObject({
  source: text,
  reviewedBy: text,
  version: text,
  /** ages (years) of each band; an unknown age is asked first */
  bands: z.strictObject({ adult: range, child: range, baby: range }),
  question: LocalTextSchema,
  howToAnswer: LocalTextSchema,
  noneLabel: LocalTextSchema,
  /** asked once after a "yes" that names no item */
  whichOne: LocalTextSchema,
  /** the red flag raised when, asked which, the patient still cannot say */
  unclearRedFlag: id,
  items: z.array(ScreenItemSchema).min(3),
});

export const ProblemItemSchema = z.strictObject({
  id,
  /** where this problem is triaged; none = "something else" (the patient describes it) */
  protocol: id.optional(),
  label: LocalTextSchema,
  /** findings that, said in an answer naming no complaint, point to this problem ("a heavy feeling in my chest") */
  findings: z.array(id).default([]),
});

/** The short numbered list a patient picks the main problem from when it was not recognised. */
export const ProblemListFileSchema = z.strictObject({
  source: text,
  reviewedBy: text,
  version: text,
  question: LocalTextSchema,
  howToAnswer: LocalTextSchema,
  /** asked once when the patient picked "something else" or answered with something not recognised */
  describe: LocalTextSchema,
  items: z.array(ProblemItemSchema).min(5),
  /** a problem the engine still cannot place goes to a clinician */
  unplaced: z.strictObject({
    disposition,
    reason: LocalTextSchema,
    /** shared questions (questions.yaml) asked before an unplaced outcome, when not yet answered */
    ask: z.array(id).default([]),
    /** A problem that has gone on this long, with no warning sign, gets this disposition instead. */
    longStanding: z.strictObject({ minHours: z.number().positive(), disposition, reason: LocalTextSchema }).optional(),
  }),
  /** this many warning-sign questions answered "I don't know" cannot be ruled out: a clinician calls back */
  unanswered: z.strictObject({ min: z.number().int().min(1), disposition, reason: LocalTextSchema }),
});

/** Self-care steps and the safety net for one protocol's outcomes (NICE safety-netting). */
export const AdviceFileSchema = z.strictObject({
  protocol: id,
  source: text,
  reviewedBy: text,
  version: text,
  selfCare: LocalTextSchema,
  safetyNet: LocalTextSchema,
});

export const SharedQuestionsFileSchema = z.strictObject({
  questions: z.array(QuestionSchema).min(1),
  /** Findings about the person, not the problem: a new assessment in the same conversation keeps them. */
  carryOver: z.array(id).default([]),
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
  /**
   * words that, right after a finding in the same clause, deny it: French "il tousse pas", Chinese
   * "发烧没有" (Chinese: only at the end of the clause, since "头痛没有好" is not a denial)
   */
  postNegation: z.array(text).default([]),
  /** how many words (characters for Chinese) back a negation reaches */
  negationWindow: z.number().int().min(1).max(12),
  yes: z.array(text).min(1),
  no: z.array(text).min(1),
  /** words after a number that say how often ("3 times", "2 fois", "两次"): such an answer is a yes */
  frequency: z.array(text).default([]),
  /** words that make an answer neither yes nor no ("a bit", "sort of", "only once"): on a worrying question, yes */
  hedge: z.array(text).default([]),
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
  /** words right before "N weeks" that make it weeks of pregnancy ("I'm 31 weeks", "estoy de 30 semanas") */
  gestationBefore: z.array(text).default([]),
  /** words right after "N weeks" that make it weeks of pregnancy ("31 weeks pregnant", "30 semaines de grossesse") */
  gestationAfter: z.array(text).default([]),
  /** regular expressions over normalised text with a group named n */
  age: z.array(z.strictObject({ re: regexSource, unit: z.enum(['years', 'months', 'weeks', 'days']) })).min(1),
  painScore: z.array(regexSource).min(1),
  temperature: z.array(regexSource).min(1),
  /** heart rate with a group named n ("pulse 118", "mạch 40", "心率180") */
  pulse: z.array(regexSource).default([]),
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
export type DiscriminatorData = z.infer<typeof DiscriminatorFileSchema>;
export type ScreenData = z.infer<typeof ScreenFileSchema>;
export type ScreenItemData = z.infer<typeof ScreenItemSchema>;
export type ProblemListData = z.infer<typeof ProblemListFileSchema>;
export type AdviceData = z.infer<typeof AdviceFileSchema>;

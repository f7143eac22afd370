// Interprets a patient's answer to one question, from the message's one reading: yes / no / a
// hedge / a description (six languages), numbers (age, pain, temperature, duration), choices by
// number, value or label; the emergency screen and the problem list. Everything else the answer
// says has already been observed as free text by the caller's reading.
import type { ClinicalContent, Question } from './content';
import { FALLBACK_PROTOCOL } from './content';
import type { LanguagePack } from './language-pack';
import { observeInto, setTemperature } from './observe';
import { recordProblemAnswer, PROBLEM_DESCRIBE_ID, PROBLEM_QUESTION_ID } from './problem-list';
import { resolveProtocol } from './protocol-choice';
import { asReading, isFreeText, type Reading } from './reading';
import { recordScreenAnswer, SCREEN_QUESTION_ID, SCREEN_WHICH_ID } from './screen';
import { cloneState, setFinding, type TriageState } from './state';
import { ageFromAnswer, extractDuration, extractDurationBesideAge, extractTemperature, painFromAnswer } from './text-facts';
import { normalise } from './text-match';
import type { Choice, Language } from './types';

/** The id a dialog uses when it answers an `ask_complaint` step (kept for older callers). */
export const COMPLAINT_QUESTION_ID = 'complaint';

/** A hedge is about the question when it is short ("only once", "a bit") or uses the question's own words. */
const SHORT_HEDGE_WORDS = 6;
/** A description this short ("all night", "since Monday") answers the question it follows. */
const SHORT_DESCRIPTION_WORDS = 3;
/** A reply this long that is not a plain yes or no is a description (for questions with `describe`). */
const DESCRIPTION_MIN_WORDS = 4;

const CONTENT_WORD = /[\p{L}\p{N}]{4,}/gu;
/** Words of four letters or more that say nothing about a symptom ("have", "your", "this"). */
const FUNCTION_WORDS = new Set(
  (
    'have been your with that this from what when they them there about more than very some tell does were will would could should ' +
    'usted esta este esto tiene como para pero cuando donde algo sido hace vous avez est-ce cette dans pour avec plus mais quand ' +
    'voce esta isso tem como para mais quando onde algum alguma anh chi cua khong nhung mot nhieu'
  ).split(' '),
);

/** Shares a word (or a word's stem: "numb" / "numbness") with the question: the answer is about it. */
function sharesWords(r: Reading, questionText: string | undefined, cjk: boolean): boolean {
  if (!questionText) return false;
  const q = normalise(questionText, r.lang).norm;
  if (cjk) {
    // two-character words of the question that the answer repeats ("胸口", "呼吸")
    for (let i = 0; i + 2 <= q.length; i++) if (/\p{L}{2}/u.test(q.slice(i, i + 2)) && r.text.norm.includes(q.slice(i, i + 2))) return true;
    return false;
  }
  const words = (q.match(CONTENT_WORD) ?? []).filter((w) => !FUNCTION_WORDS.has(w));
  return (r.text.norm.match(CONTENT_WORD) ?? []).some((a) => !FUNCTION_WORDS.has(a) && words.some((w) => w.startsWith(a) || a.startsWith(w)));
}

/**
 * yes → true, no → false, unknown → null, for a question about `finding`. A hedge ("a bit", "not
 * really pain, more of a pressure", "only once") about the question counts as yes when a yes is the
 * worrying answer. A description that names another finding is not a yes ("a dry tickly cough" to
 * "any blood?").
 */
export interface YesNoQuestion {
  /** a yes raises urgency */
  worrying: boolean;
  /** a yes is the good answer ("can you talk in full sentences?"): "fine" to it is a yes */
  reassuring?: boolean;
  finding?: string;
  questionText?: string;
  cjk?: boolean;
  /** the answer states another finding that raises urgency ("I have to stop to catch my breath") */
  statesWorrying?: boolean;
}

export function interpretYesNo(r: Reading, { worrying, reassuring = false, finding, questionText, cjk = false, statesWorrying = false }: YesNoQuestion): boolean | null {
  const said = finding ? r.findings.get(finding) : undefined;
  if (said) return said.present;
  // "I could be" to "could you be pregnant?": said with doubt, to the very question, a worrying finding counts
  if (finding && worrying && r.doubted.has(finding)) return true;
  const other = [...r.findings].some(([id, s]) => id !== finding && s.present);
  switch (r.tone) {
    case 'yes':
      return true;
    case 'no':
      // "je peux parler sans problème", "the inhaler works fine": all is well, which is a yes here
      return reassuring && r.reassured;
    case 'hedge': {
      if (other) return r.saysNo ? false : null;
      const about = r.size <= SHORT_HEDGE_WORDS || sharesWords(r, questionText, cjk);
      return worrying && about ? true : null;
    }
    case 'unsure':
      return null;
    case 'none':
      // to a question whose yes is the good answer ("can you speak in full sentences?"), a description
      // of a worrying sign is not that yes: it is a no ("I get out of breath talking, I have to stop")
      if (reassuring && statesWorrying) return false;
      // a description in the question's own words states it ("my bum feels numb" to "numbness around your bottom?")
      if (other) return worrying && sharesWords(r, questionText, cjk) ? true : null;
      // "3 or 4 times since this morning", "all night": how much or how often is a yes; a story about
      // something else is not an answer ("he says it's strong but passes quickly" to "chest pain?")
      return r.size <= SHORT_DESCRIPTION_WORDS || r.howOften || sharesWords(r, questionText, cjk) ? true : null;
  }
}

/** A sentence that neither agrees, denies, doubts nor hedges: a description. */
function describesNotDenies(r: Reading): boolean {
  if (r.size < DESCRIPTION_MIN_WORDS) return false;
  // not a hedge either: "not sure, she doesn't talk much" is not knowing, and "just the thoughts" limits
  return r.tone === 'none';
}

export function questionLabel(q: Question, lang: Language): Choice[] | undefined {
  return q.choices?.map((c) => ({ value: c.value, label: c.label[lang] }));
}

function pickChoice(q: Question, r: Reading): NonNullable<Question['choices']>[number] | null {
  const choices = q.choices ?? [];
  const n = /^\s*(\d+)\s*$/.exec(r.text.norm);
  if (n) return choices[Number(n[1]) - 1] ?? null;
  const byValue = choices.find((c) => r.text.norm === c.value || r.text.norm === c.value.replace(/_/g, ' '));
  if (byValue) return byValue;
  return choices.find((c) => r.text.norm.includes(normalise(c.label[r.lang], r.lang).norm)) ?? null;
}

const YEAR_HOURS = 8766;
/** Within this many years (about 2 weeks), a number read as a duration is the age itself or a part of it. */
const AGE_PART_TOLERANCE = 0.04;

/** "1 ano e 8 meses", "6 weeks", "2 ans et demi": the duration read is the age, or its years or months part. */
function isPartOfAge(durationHours: number, ageYears: number): boolean {
  const d = durationHours / YEAR_HOURS;
  const whole = Math.floor(ageYears);
  return [ageYears, whole, ageYears - whole].some((part) => part > 0 && Math.abs(d - part) < AGE_PART_TOLERANCE);
}

/** "29 ans" to the age question was also read as a duration when the message was first read: it is the age. */
function forgetAgeReadAsDuration(state: TriageState, r: Reading, ageYears: number, pack: LanguagePack): void {
  if (!r.duration || state.factEvidence.duration !== r.duration.evidence) return;
  if (isPartOfAge(r.duration.value, ageYears)) {
    state.durationHours = null;
    delete state.factEvidence.duration;
    return;
  }
  const duration = extractDurationBesideAge(r.text, r.digits, pack, ageYears);
  state.durationHours = duration?.value ?? null;
  if (duration) state.factEvidence.duration = duration.evidence;
  else delete state.factEvidence.duration;
}

function applyParse(content: ClinicalContent, q: Question, state: TriageState, r: Reading): boolean {
  const pack = content.languages[r.lang];
  switch (q.parse) {
    case 'age': {
      const age = ageFromAnswer(r.text, r.digits, pack);
      if (age) {
        state.ageYears = age.value;
        state.factEvidence.age = age.evidence;
        forgetAgeReadAsDuration(state, r, age.value, pack);
      }
      return age !== null;
    }
    case 'pain': {
      const pain = painFromAnswer(r.digits, pack);
      if (pain) {
        state.painScore = pain.value;
        state.factEvidence.pain = r.text.original.slice(0, 60);
      }
      return pain !== null;
    }
    case 'duration': {
      const d = extractDuration(r.text, r.digits, pack);
      if (d) {
        state.durationHours = d.value;
        state.durationConfirmed = true;
        state.factEvidence.duration = d.evidence;
      }
      return d !== null;
    }
    case 'temperature': {
      const t = extractTemperature(r.digits, pack, true);
      if (t) setTemperature(state, t.value, t.evidence, 'answer');
      return t !== null;
    }
    case undefined:
      return false;
  }
}

function answerQuestion(content: ClinicalContent, state: TriageState, q: Question, r: Reading): void {
  const parsed = applyParse(content, q, state, r);
  const evidence = r.text.original.trim().slice(0, 80);
  if (q.kind === 'yes_no' && q.finding && !state.findings[q.finding] && !(parsed && q.parse === 'temperature')) {
    const unsure =
      r.tone === 'unsure' && q.unsure ? q.unsure === 'yes' : r.tone === 'hedge' && q.hedge ? q.hedge === 'yes' : q.describe && describesNotDenies(r) ? true : null;
    const yes =
      unsure ??
      interpretYesNo(r, {
        worrying: content.worryingFindings.has(q.finding),
        reassuring: content.reassuringFindings.has(q.finding),
        finding: q.finding,
        questionText: q.text[r.lang],
        cjk: content.languages[r.lang].matcher.cjk,
        statesWorrying: [...r.findings].some(([id, f]) => id !== q.finding && f.present && content.worryingFindings.has(id)),
      });
    if (yes !== null) setFinding(state, q.finding, yes, 'answer', evidence);
    else if (r.tone === 'unsure' && content.worryingFindings.has(q.finding)) (state.unsure ??= []).push({ question: q.id, evidence });
  }
  if (q.kind === 'choice') {
    const choice = pickChoice(q, r);
    for (const f of choice?.present ?? []) setFinding(state, f, true, 'answer', evidence);
    for (const f of choice?.absent ?? []) setFinding(state, f, false, 'answer', evidence);
  }
}

/** A question of the shared discriminators, the current protocol, the shared questions, or any protocol. */
export function findQuestion(content: ClinicalContent, state: TriageState, questionId: string): Question | null {
  for (const d of content.discriminators) {
    const q = d.questions.find((x) => x.id === questionId);
    if (q) return q;
  }
  const protocol = resolveProtocol(content, state.protocol ?? FALLBACK_PROTOCOL, state);
  const own = protocol?.questions.find((q) => q.id === questionId) ?? content.questions.get(questionId);
  if (own) return own;
  // the answer itself may have moved the questions to another complaint: the question is still the one asked
  for (const p of content.protocols.values()) {
    const q = p.questions.find((x) => x.id === questionId);
    if (q) return q;
  }
  return null;
}

function markAsked(state: TriageState, id: string): void {
  if (!state.asked.includes(id)) state.asked.push(id);
  if (state.pending === id) state.pending = null;
}

/**
 * Records an answer. `observed`: the caller already merged this reading into `state` as free text
 * (the bot does, once per message, before the emergency gate); otherwise it is merged here.
 */
export function recordAnswer(content: ClinicalContent, state: TriageState, questionId: string, input: string | Reading, lang: Language, observed = false): TriageState {
  const r = asReading(content, input, lang);
  const next = cloneState(state);
  const complaintFound = observed ? r.complaints.size > 0 : observeInto(content, next, r, 'answer');
  markAsked(next, questionId);
  switch (questionId) {
    case SCREEN_QUESTION_ID:
    case SCREEN_WHICH_ID:
      recordScreenAnswer(content, next, r, questionId === SCREEN_WHICH_ID);
      return next;
    case PROBLEM_QUESTION_ID:
    case PROBLEM_DESCRIBE_ID:
    case COMPLAINT_QUESTION_ID:
      recordProblemAnswer(content, next, r, questionId === PROBLEM_QUESTION_ID, complaintFound);
      return next;
  }
  const q = findQuestion(content, next, questionId);
  if (!q) {
    if (!complaintFound && next.protocol === null && isFreeText(r)) next.unrecognised += 1;
    return next;
  }
  answerQuestion(content, next, q, r);
  return next;
}

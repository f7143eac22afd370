// The emergency screen: an age-appropriate list every patient answers before any non-emergency
// outcome, in one message: numbers, "none", or their own words; a "yes" that names nothing is
// asked which once, and then counts as an emergency.
import { loadClinicalContent } from '../../src/triage/content';
import { beginQuestion, newTriageState, nextStep, observeText, recordAnswer, type NextStep, type TriageState } from '../../src/triage/engine';
import { LANGUAGES, type Language } from '../../src/triage/types';

const content = loadClinicalContent();

function screenFor(opening: string, lang: Language = 'en'): { state: TriageState; step: Extract<NextStep, { kind: 'ask' }> } {
  const s = observeText(content, newTriageState(), opening, lang);
  const step = nextStep(content, s, lang);
  if (step.kind !== 'ask' || step.question.id !== 'screen') throw new Error(`expected the screen, got ${step.kind === 'ask' ? step.question.id : step.kind}`);
  return { state: beginQuestion(s, step), step };
}

const itemNumber = (step: Extract<NextStep, { kind: 'ask' }>, id: string): number => step.offered!.indexOf(id) + 1;

describe('which list a patient sees', () => {
  it('an adult, a child and a baby each see their own list, numbered, with "none of these"', () => {
    const adult = screenFor('I have a headache, I am 40');
    const child = screenFor('my son is 6 and has a headache');
    const baby = screenFor('my baby is 4 months old and has a cough');
    expect(adult.step.offered).toContain('chest');
    expect(child.step.offered).toContain('child_breathing');
    expect(child.step.offered).not.toContain('chest');
    expect(baby.step.offered).toContain('baby_floppy');
    expect(baby.step.offered).not.toContain('baby_fever');
    expect(screenFor('my baby is 6 weeks old and has a cough').step.offered).toContain('baby_fever');
    expect(adult.step.question.numbered).toBe(true);
    expect(adult.step.question.text).toContain(`1. ${content.screen.items.find((i) => i.id === adult.step.offered![0])!.text.en}`);
    expect(adult.step.question.choices?.at(-1)).toEqual({ value: '0', label: content.screen.noneLabel.en });
    expect(adult.step.question.choices?.[0]).toEqual({ value: '1', label: content.screen.items.find((i) => i.id === adult.step.offered![0])!.short.en });
  });

  it('leaves out what the patient already denied, and adds the pregnancy signs for a pregnant patient', () => {
    expect(screenFor('I have a cough, no trouble breathing, I am 30').step.offered).not.toContain('breathing');
    expect(screenFor('I am 30 and 20 weeks pregnant, I have a headache').step.offered).toContain('pregnancy');
    expect(screenFor('I am 30 and I have a headache').step.offered).not.toContain('pregnancy');
  });

  it.each(LANGUAGES)('is written in %s', (lang) => {
    for (const item of content.screen.items) expect(item.text[lang].length).toBeGreaterThan(5);
  });
});

describe('reading the answer', () => {
  it('numbers pick items and raise their red flags ("2", "1 and 3")', () => {
    const { state, step } = screenFor('I have a headache, I am 40');
    const chest = itemNumber(step, 'chest');
    const after = recordAnswer(content, state, 'screen', String(chest), 'en');
    const outcome = nextStep(content, after, 'en');
    expect(outcome.kind === 'outcome' && outcome.outcome.disposition).toBe('emergency');
    expect(outcome.kind === 'outcome' && outcome.outcome.reasons.map((r) => r.code)).toContain('redflag.heart_attack_signs');
    const two = recordAnswer(content, state, 'screen', `${itemNumber(step, 'breathing')} and ${itemNumber(step, 'stroke')}`, 'en');
    expect(two.findings['redflag.severe_breathing_difficulty']?.present).toBe(true);
    expect(two.findings['redflag.stroke_signs']?.present).toBe(true);
  });

  it.each([
    ['en', '0'],
    ['en', 'none of these'],
    ['en', 'no'],
    ['es', 'ninguna'],
    ['fr', 'non, aucune'],
    ['pt', 'nenhuma'],
    ['zh', '都没有'],
    ['vi', 'không có'],
    ['en', "no, it's just the headache, it came on slowly"],
  ] as Array<[Language, string]>)('%s "%s" is none of these, and triage goes on', (lang, said) => {
    const { state } = screenFor('I have a headache, I am 40');
    const after = recordAnswer(content, state, 'screen', said, lang);
    expect(after.screen?.answer).toBe('none');
    expect(nextStep(content, after, 'en').kind).toBe('ask');
  });

  it('a sign named in the answer is that item ("she is grunting with every breath")', () => {
    const { state } = screenFor('my baby is 5 months old and has a cold');
    const after = recordAnswer(content, state, 'screen', 'she is grunting with every breath', 'en');
    const step = nextStep(content, after, 'en');
    expect(step.kind === 'outcome' && step.outcome.disposition).toBe('emergency');
  });

  it('a "yes" that names nothing is asked which once; still unsure, it is an emergency', () => {
    const { state } = screenFor('I have a headache, I am 40');
    const unclear = recordAnswer(content, state, 'screen', 'yes', 'en');
    const which = nextStep(content, unclear, 'en');
    expect(which.kind === 'ask' && which.question.id).toBe('screen.which');
    const still = recordAnswer(content, unclear, 'screen.which', 'I think so', 'en');
    const step = nextStep(content, still, 'en');
    expect(step.kind === 'outcome' && step.outcome.disposition).toBe('emergency');
    expect(step.kind === 'outcome' && step.outcome.reasons[0]?.code).toBe(`redflag.${content.screen.unclearRedFlag}`);
  });

  // a "yes" followed by words the engine does not know must not be taken as "none of these"
  it.each([
    ['en', 'yes, something is really wrong with him'],
    ['fr', "oui, c'est en train d'arriver"],
    ['vi', 'có, bé đang bị như vậy'],
    ['zh', '有，现在就是这样'],
  ] as Array<[Language, string]>)('%s: a yes that goes on in words not on the list is asked which ("%s")', (lang, answer) => {
    const { state } = screenFor(lang === 'en' ? 'I have a headache, I am 40' : lang === 'fr' ? "j'ai mal à la tête, j'ai 40 ans" : lang === 'vi' ? 'tôi bị đau đầu, 40 tuổi' : '我头痛，40岁', lang);
    const next = recordAnswer(content, state, 'screen', answer, lang);
    expect(next.screen?.answer).toBe('unclear');
    const step = nextStep(content, next, lang);
    expect(step.kind === 'ask' && step.question.id).toBe('screen.which');
  });

  it('a description of something that is not on the list is none of these', () => {
    const { state } = screenFor('I have a headache, I am 40');
    expect(recordAnswer(content, state, 'screen', 'tiny bit of a headache, I think I just need water', 'en').screen?.answer).toBe('none');
  });
});

describe('before any non-emergency outcome', () => {
  it('every protocol shows the screen before its outcome', () => {
    for (const p of content.protocols.values()) {
      let s: TriageState = { ...newTriageState(), protocol: p.id, ageYears: 40 };
      const asked: string[] = [];
      for (let i = 0; i < 30; i++) {
        const step = nextStep(content, s, 'en');
        if (step.kind === 'outcome') break;
        asked.push(step.question.id);
        s = recordAnswer(content, beginQuestion(s, step), step.question.id, 'no', 'en');
      }
      expect(asked).toContain('screen');
    }
  });
});

// Rules that hold across presentations: a sting that makes the whole body ill; voices telling someone to
// hurt themselves; "I'm 31 weeks" is a pregnancy (not a duration), and bleeding from 24 weeks.
import { loadClinicalContent } from '../../src/triage/content';
import { checkEmergency } from '../../src/triage/emergency-gate';
import { newTriageState, observeText, type TriageState } from '../../src/triage/engine';
import { SCREEN_QUESTION_ID } from '../../src/triage/screen';
import { LANGUAGES, type Language } from '../../src/triage/types';
import { runToOutcome as run } from '../helpers/triage-run';

const content = loadClinicalContent();
const runToOutcome = (state: TriageState, lang: Language, answer: (id: string) => string) => run(content, state, lang, answer);

describe('a sting or bite that makes the whole body ill', () => {
  const said: Record<Language, [string, string]> = {
    en: ['my son got stung by a scorpion on his foot', 'he has been sick twice'],
    es: ['a mi hijo le picó un escorpión en el pie', 'ya vomitó dos veces'],
    fr: ["mon fils s'est fait piquer par un scorpion au pied", 'il a vomi deux fois'],
    pt: ['meu filho foi picado por escorpião no pé', 'ele já vomitou duas vezes'],
    zh: ['我儿子脚被蝎子蜇了', '他已经吐了两次'],
    vi: ['con trai tôi bị bọ cạp đốt ở chân', 'cháu đã nôn hai lần'],
  };
  it.each(LANGUAGES)('%s: being sick after a sting is an emergency', (lang) => {
    const [opening, more] = said[lang];
    const state = observeText(content, observeText(content, newTriageState(), opening, lang), more, lang);
    const r = runToOutcome(state, lang, (id) => (id === 'age' ? '5' : id === SCREEN_QUESTION_ID ? '0' : 'no'));
    expect(r.outcome.protocol).toBe('bites_stings');
    expect(r.outcome.disposition).toBe('emergency');
    expect(r.outcome.reasons.map((x) => x.code)).toContain('bites_stings.systemic');
  });
  it('a local sting with no whole-body symptom stays self-care', () => {
    const r = runToOutcome(observeText(content, newTriageState(), 'a bee stung my arm, it is a bit swollen', 'en'), 'en', (id) => (id === 'age' ? '30' : id === SCREEN_QUESTION_ID ? '0' : id === 'duration' ? '2 hours' : 'no'));
    expect(r.outcome.disposition).toBe('self_care');
  });
});

describe('voices telling someone to hurt themselves', () => {
  const said: Record<Language, string> = {
    en: 'my son says the voices keep telling him to hurt himself',
    es: 'mi hijo dice que las voces le ordenan matarse',
    fr: 'il dit que les voix lui demandent de se punir',
    pt: 'ele diz que as vozes mandam ele se machucar',
    zh: '他说有声音叫他去伤害自己',
    vi: 'nó nói có giọng nói bảo nó phải làm hại bản thân',
  };
  it.each(LANGUAGES)('%s: an emergency with the crisis line, at once', (lang) => {
    const e = checkEmergency(content, said[lang], lang);
    expect(e?.reasons.map((r) => r.code)).toContain('redflag.command_hallucinations');
    expect(e?.crisisLine).toBe(true);
  });
  it('hearing voices alone is same-day, not an emergency', () => {
    expect(checkEmergency(content, 'my brother has been hearing voices for a week', 'en')).toBeNull();
  });
});

describe('weeks of pregnancy are not how long the problem has lasted', () => {
  it.each([
    ['en', 'im 31 weeks and just had some bleeding'],
    ['en', "she's 28 weeks and has a bad headache"],
    ['fr', 'je suis à 30 semaines et j’ai des contractions'],
  ] as Array<[Language, string]>)('%s "%s"', (lang, text) => {
    expect(observeText(content, newTriageState(), text, lang).durationHours).toBeNull();
  });
  it.each([
    ['en', 'im 31 weeks and just had some bleeding', 31],
    ['es', 'estoy de 30 semanas y tengo contracciones', 30],
    ['pt', 'estou com 32 semanas e sangrando', 32],
    ['zh', '怀孕32周，出血了', 32],
    ['vi', 'bầu 30 tuần bị ra máu', 30],
  ] as Array<[Language, string, number]>)('%s "%s" is a pregnancy of %i weeks, in the pregnancy questions', (lang, text, weeks) => {
    const s = observeText(content, newTriageState(), text, lang);
    expect(s.gestationWeeks).toBe(weeks);
    expect(s.findings.pregnant?.present).toBe(true);
    expect(s.protocol).toBe('pregnancy');
  });
  it('a baby of 6 weeks is not a pregnancy', () => {
    const s = observeText(content, newTriageState(), 'my baby is 6 weeks old and has a cough', 'en');
    expect(s.gestationWeeks ?? null).toBeNull();
    expect(s.findings.pregnant).toBeUndefined();
  });
  it('bleeding from 24 weeks is an emergency; before, same-day', () => {
    const play = (text: string) =>
      runToOutcome(observeText(content, newTriageState(), text, 'en'), 'en', (id) => (id === 'age' ? '29' : id === SCREEN_QUESTION_ID ? '0' : id === 'vaginal_bleeding' ? 'yes' : 'no')).outcome;
    const late = play('im 31 weeks and just had some bleeding');
    expect(late.disposition).toBe('emergency');
    expect(late.reasons.map((r) => r.code)).toContain('pregnancy.late_bleeding');
    expect(play('im 10 weeks and just had some bleeding').disposition).toBe('urgent');
  });
  it('"a little" to the bleeding question in pregnancy is bleeding', () => {
    const r = runToOutcome(observeText(content, newTriageState(), 'im 31 weeks and just had some bleeding', 'en'), 'en', (id) =>
      id === 'age' ? '29' : id === SCREEN_QUESTION_ID ? '0' : id === 'vaginal_bleeding' ? 'a little, bright red' : 'no',
    );
    expect(r.state.findings.vaginal_bleeding?.present).toBe(true);
    expect(r.outcome.disposition).toBe('emergency');
  });
  it('"for 3 weeks" is still a duration', () => {
    expect(observeText(content, newTriageState(), 'i have had this cough for 3 weeks', 'en').durationHours).toBe(3 * 7 * 24);
  });
});

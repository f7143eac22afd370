// Answers read as people write them, in every language: yes, no, a hedge, "only once", a
// description that states or denies the finding, negation scope, numbers with units.
import { loadClinicalContent } from '../../src/triage/content';
import { newTriageState, observeText, recordAnswer, type TriageState } from '../../src/triage/engine';
import type { Language } from '../../src/triage/types';

const content = loadClinicalContent();

/** The state of a patient whose complaint is known, asked `questionId`, answering `answer`. */
function answer(complaint: string, complaintLang: Language, questionId: string, text: string, lang: Language): TriageState {
  const s = observeText(content, newTriageState(), complaint, complaintLang);
  return recordAnswer(content, { ...s, pending: questionId }, questionId, text, lang);
}

describe('yes/no answers on a worrying question (were you knocked out?)', () => {
  // head_injury_knocked_out style: the finding is "fainting" on the shared question "dizziness"? No: use
  // the shared `drowsy` question, whose yes is worrying everywhere.
  const table: Array<[Language, string, boolean | undefined]> = [
    ['en', 'yes', true],
    ['en', 'nope', false],
    ['en', 'not really', false],
    ['en', 'only once, for a few seconds', true],
    ['en', 'just a bit', true],
    ['en', "I'm not sure", undefined],
    ['es', 'sí', true],
    ['es', 'no', false],
    ['es', 'solo una vez, unos segundos', true],
    ['es', 'un poco', true],
    ['fr', 'oui', true],
    ['fr', 'non', false],
    ['fr', 'une seule fois, quelques secondes', true],
    ['fr', 'un peu', true],
    ['pt', 'sim', true],
    ['pt', 'não', false],
    ['pt', 'só uma vez, uns segundos', true],
    ['pt', 'um pouco', true],
    ['zh', '是的', true],
    ['zh', '没有', false],
    ['zh', '就一次，几秒钟', true],
    ['zh', '有一点', true],
    ['vi', 'có', true],
    ['vi', 'không', false],
    ['vi', 'khong', false],
    ['vi', 'chỉ một lần thôi, vài giây', true],
    ['vi', 'hơi hơi', true],
  ];
  it.each(table)('%s "%s" → %s', (lang, said, present) => {
    const s = answer('I have a headache', 'en', 'drowsy', said, lang);
    expect(s.findings.drowsy?.present).toBe(present);
    expect(s.asked).toContain('drowsy');
  });
});

describe('declining to answer is neither a yes nor a no', () => {
  it.each([
    ['en', 'I have nothing else to say'],
    ['en', "I'd rather not say"],
    ['es', 'prefiero no contestar'],
    ['fr', "je n'ai rien d'autre à dire"],
    ['pt', 'não quero falar sobre isso'],
    ['zh', '不想回答'],
    ['vi', 'không muốn trả lời'],
  ] as Array<[Language, string]>)('%s "%s"', (lang, said) => {
    const s = answer('I have a headache', 'en', 'drowsy', said, lang);
    expect(s.findings.drowsy).toBeUndefined();
    expect(s.unsure?.map((u) => u.question)).toEqual(['drowsy']);
  });
});

describe('hedges and descriptions', () => {
  it('a hedge that is really about the question counts as yes ("not really pain, more of a pressure")', () => {
    const s = answer('I feel unwell', 'en', 'chest_pain', 'not really pain, more of a pressure', 'en');
    expect(s.findings.chest_pain?.present).toBe(true);
  });

  it('a "no" that goes on about something else stays a no ("no, just a little dry cough" to "any blood?")', () => {
    const s = answer('I have a cough and a cold', 'en', 'cough_blood', 'no, just a little dry tickly cough', 'en');
    expect(s.findings.cough_blood?.present).toBe(false);
  });

  it('a description of something else is not a yes ("a dry tickly cough" to "any blood?")', () => {
    const s = answer('I have a cough and a cold', 'en', 'cough_blood', 'a little dry tickly cough', 'en');
    expect(s.findings.cough_blood).toBeUndefined();
  });

  it('a description in the question\'s own words states the red flag', () => {
    const s = answer('I have back pain', 'en', 'cauda_equina', 'my bum and the insides of my thighs have gone numb since yesterday', 'en');
    expect(s.findings.cauda_equina?.present).toBe(true);
  });

  it.each<[Language, string, string]>([
    ['en', 'I am short of breath', 'I get breathless talking, I have to stop to catch my breath'],
    ['es', 'me cuesta respirar', 'me falta el aire al hablar, tengo que parar a coger aire'],
    ['fr', "j'ai du mal à respirer", "je suis essoufflé quand je parle, je dois m'arrêter"],
  ])('to a question whose yes is good, a description of a worrying sign is a no (%s)', (lang, complaint, reply) => {
    const s = answer(complaint, lang, 'can_speak', reply, lang);
    expect(s.findings.can_speak_sentences?.present).toBe(false);
  });

  it('a long hedge about something else is not a yes', () => {
    const s = answer('I have a rash', 'en', 'skin_peeling', 'they bleed a tiny bit if I pick them, no pus', 'en');
    expect(s.findings.skin_peeling?.present).not.toBe(true);
  });

  it('"fine" is a no; a reassuring answer in other languages too', () => {
    expect(answer('I have a cough', 'en', 'breathless', 'breathing is fine', 'en').findings.breathless?.present).toBe(false);
    expect(answer('tengo tos', 'es', 'breathless', 'respiro bien', 'es').findings.breathless?.present).toBe(false);
    expect(answer("j'ai de la toux", 'fr', 'breathless', 'je respire normalement', 'fr').findings.breathless?.present).toBe(false);
  });

  // "can you talk in full sentences?", "is the inhaler helping?": yes is the good answer, so "fine" is a yes
  it.each([
    ['en', 'can_speak', 'I can talk fine', true],
    ['fr', 'can_speak', 'Là je respire normalement, je peux parler sans problème', true],
    ['es', 'can_speak', 'hablo bien, sin problema', true],
    ['pt', 'can_speak', 'falo normalmente', true],
    ['fr', 'inhaler_helps', 'La Ventoline marche bien, ça passe en quelques minutes', true],
    ['en', 'can_speak', 'no', false],
    ['fr', 'can_speak', 'non', false],
    ['en', 'inhaler_helps', 'not really', false],
  ] as Array<[Language, string, string, boolean]>)('%s %s "%s" → %s (all is well is the yes)', (lang, questionId, said, present) => {
    const finding = questionId === 'can_speak' ? 'can_speak_sentences' : 'inhaler_helps';
    expect(answer('I have asthma and a wheeze', 'en', questionId, said, lang).findings[finding]?.present).toBe(present);
  });

  it('"it fades when I press" in lay words denies a non-blanching rash', () => {
    expect(answer('bébé avec des boutons', 'fr', 'non_blanching_rash', "Quand j'appuie ça pâlit", 'fr').findings.non_blanching_rash?.present).toBe(false);
    expect(answer('my baby has a rash', 'en', 'non_blanching_rash', 'the spots turn pale when I press them', 'en').findings.non_blanching_rash?.present).toBe(false);
  });

  it('a frequency is a yes ("3 or 4 times since this morning" to "have you been vomiting?")', () => {
    expect(answer('I have stomach pain', 'en', 'vomiting', '3 or 4 times since this morning', 'en').findings.vomiting?.present).toBe(true);
  });

  it('negation reaches only its own clause ("no fever but my neck is really stiff")', () => {
    const s = observeText(content, newTriageState(), 'no fever but my neck is really stiff', 'en');
    expect(s.findings.fever?.present).toBe(false);
    expect(s.findings.stiff_neck?.present).toBe(true);
  });
});

describe('numbers with units', () => {
  it.each([
    ['en', '6 weeks', 6 / 52],
    ['en', 'she is 18 months', 1.5],
    ['es', '3 meses', 0.25],
    ['fr', '2 ans', 2],
    ['pt', '45', 45],
    ['zh', '三个月', 0.25],
    ['vi', '70 tuổi', 70],
  ] as Array<[Language, string, number]>)('age %s "%s" → %d years', (lang, said, years) => {
    expect(answer('headache', 'en', 'age', said, lang).ageYears).toBeCloseTo(years, 1);
  });

  it.each([
    ['fr', '29 ans'],
    ['zh', '6周'],
    ['en', '6 weeks'],
    ['es', '2 meses'],
  ] as Array<[Language, string]>)('an age answer %s "%s" is not also how long the problem has lasted', (lang, said) => {
    const s = answer('headache', 'en', 'age', said, lang);
    expect(s.ageYears).not.toBeNull();
    expect(s.durationHours).toBeNull();
  });

  it.each([
    ['zh', '宝宝5个月，发烧两天', 5 / 12, 48],
    ['vi', 'be nha em 8 thang, noi may cham do li ti o co', 8 / 12, null],
    ['en', 'my 8 month old has had a rash since yesterday', 8 / 12, 24],
    ['fr', 'Mon fils de 8 ans ronfle fort depuis 1 an', 8, 24 * 365],
  ] as Array<[Language, string, number, number | null]>)('free text %s "%s": the age is not the duration', (lang, said, years, hours) => {
    const s = observeText(content, newTriageState(), said, lang);
    expect(s.ageYears).toBeCloseTo(years, 2);
    if (hours === null) expect(s.durationHours).toBeNull();
    else expect(s.durationHours).toBeCloseTo(hours, 0);
  });

  it('a duration said with the age is kept ("29 ans, depuis 3 jours")', () => {
    const s = answer('headache', 'en', 'age', '29 ans, mal depuis 3 jours', 'fr');
    expect(s.ageYears).toBe(29);
    expect(s.durationHours).toBe(72);
  });

  it('temperature with units and in Fahrenheit; pain out of 10', () => {
    expect(answer('fever', 'en', 'fever', '101.3F', 'en').temperatureC).toBeCloseTo(38.5, 1);
    expect(answer('fiebre', 'es', 'fever', '39 esta mañana, con paracetamol bajó a 37,8', 'es').temperatureC).toBe(39);
    expect(answer('headache', 'en', 'pain', 'about a 7 out of 10', 'en').painScore).toBe(7);
    expect(answer('headache', 'en', 'pain', '3 or 4', 'en').painScore).toBe(4);
  });
});

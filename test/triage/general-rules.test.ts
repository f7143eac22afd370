// Rules that hold across presentations, each with the answers people actually give: the glass test
// answered in words, smoke breathed in, hives after a food or a medicine, a short spell of low mood,
// fainting with pain or fever.
import { loadClinicalContent } from '../../src/triage/content';
import { checkEmergency } from '../../src/triage/emergency-gate';
import { beginQuestion, newTriageState, nextStep, observeText, recordAnswer, type TriageState } from '../../src/triage/engine';
import { screenItems } from '../../src/triage/screen';
import { LANGUAGES, type Language } from '../../src/triage/types';
import { runToOutcome as run } from '../helpers/triage-run';

const content = loadClinicalContent();

const runToOutcome = (state: TriageState, lang: Language, answer: (id: string) => string) => run(content, state, lang, answer);

describe('the glass test answered in words', () => {
  // [language, answer, spots still seen under the glass]
  const cases: Array<[Language, string, boolean]> = [
    ['en', 'if i press hard they go paler', false],
    ['en', 'when I press on them they fade', false],
    ['en', 'i pressed a glass on them and they are still there', true],
    ['en', 'pressed the glass and they dont fade', true],
    ['es', 'al apretar con el vaso se borran', false],
    ['es', 'apreté el vaso y no desaparecen', true],
    ['fr', "quand j'appuie dessus elles pâlissent", false],
    ['pt', 'quando aperto com o copo elas somem', false],
    ['pt', 'apertei e não somem', true],
    ['zh', '用杯子按压会变淡', false],
    ['zh', '按了不褪色', true],
    ['vi', 'an coc vao thi mo di', false],
    ['vi', 'ấn vào không mất', true],
  ];
  it.each(cases)('%s "%s" → non-blanching %s', (lang, text, present) => {
    const s = recordAnswer(content, observeText(content, newTriageState(), 'spots on my skin', lang), 'rash_glass', text, lang);
    expect(s.findings.non_blanching_rash?.present).toBe(present);
  });
});

describe('smoke or fumes breathed in are a poisoning', () => {
  const said: Record<Language, string> = {
    en: 'my dad breathed in a lot of smoke in a kitchen fire',
    es: 'mi padre respiró mucho humo en un incendio en la cocina',
    fr: 'mon père a respiré de la fumée pendant un feu de cuisine',
    pt: 'o meu pai respirou muito fumo num incêndio na cozinha',
    zh: '我爸厨房着火时吸入了很多浓烟',
    vi: 'bố tôi hít phải khói lúc cháy bếp',
  };
  it.each(LANGUAGES)('%s: an emergency at once', (lang) => {
    expect(checkEmergency(content, said[lang], lang)?.reasons.map((r) => r.code)).toContain('redflag.overdose_poisoning');
  });
  it.each([
    ['en', 'there was a fire in the kitchen, he tried to put it out himself, now he is coughing and his voice is croaky'],
    ['es', 'hubo un incendio en la cocina y ahora tose y está ronco'],
    ['fr', "il y a eu un incendie dans la cuisine, maintenant il tousse avec du noir autour du nez"],
    ['pt', 'houve um incêndio em casa e agora está rouco e tossindo'],
    ['zh', '家里着火了，他现在一直咳嗽，声音嘶哑'],
    ['vi', 'nhà bị cháy bếp, giờ ông ho nhiều và khàn giọng'],
  ] as Array<[Language, string]>)('%s: in a fire and now coughing or hoarse is smoke breathed in, said without the word', (lang, text) => {
    expect(checkEmergency(content, text, lang)?.reasons.map((r) => r.code)).toContain('redflag.overdose_poisoning');
  });
  it('a fire mentioned with nothing breathed in is not a poisoning', () => {
    expect(checkEmergency(content, 'I burnt my hand on the stove, there was no fire, just the hot pan', 'en')).toBeNull();
  });
  it('smoking is not smoke breathed in', () => {
    expect(observeText(content, newTriageState(), 'i smoke 10 a day and have a cough', 'en').findings.overdose).toBeUndefined();
  });
  it('the screen names smoke and fumes, so a patient can pick it', () => {
    const poisoning = content.screen.items.find((i) => i.id === 'poisoning');
    expect(poisoning?.text.en).toMatch(/smoke or fumes/);
    expect(poisoning?.text.es).toMatch(/humo/);
    expect(poisoning?.text.zh).toMatch(/烟/);
  });
});

describe('hives', () => {
  const answers = (id: string) => (id === 'age' ? '40' : id === 'screen' ? '0' : 'no');
  it('after a food, with no swelling, breathing trouble or faintness: self-care', () => {
    const s = observeText(content, newTriageState(), 'itchy hives all over after eating prawns last night', 'en');
    const { outcome } = runToOutcome(s, 'en', answers);
    expect(outcome.protocol).toBe('allergic_reaction');
    expect(outcome.disposition).toBe('self_care');
  });
  it('after starting a new medicine: seen today', () => {
    const s = observeText(content, newTriageState(), 'itchy hives all over since I started a new medication on monday', 'en');
    const { outcome } = runToOutcome(s, 'en', answers);
    expect(outcome.disposition).toBe('urgent');
    expect(outcome.reasons.map((r) => r.code)).toContain('allergic_reaction.hives_after_trigger');
  });
});

describe('low mood for a short time', () => {
  const opening = "I've been feeling low and tearful since my breakup";
  const base: Record<string, string> = { age: '25', screen: '0', cssrs_wish_dead: 'no', suicidal_thoughts: 'no', psychosis: 'no' };
  it('under two weeks, still coping, no thoughts of self-harm: self-care with a safety net', () => {
    const { outcome } = runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', (id) => ({ ...base, duration: '4 days', not_coping: 'no, still going to work' })[id] ?? 'no');
    expect(outcome.disposition).toBe('self_care');
    expect(outcome.reasons.map((r) => r.code)).toContain('low_mood_anxiety.recent_coping');
  });
  it('not coping, or for longer: an appointment', () => {
    const struggling = runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', (id) => ({ ...base, duration: '4 days', not_coping: 'yes' })[id] ?? 'no');
    expect(struggling.outcome.disposition).toBe('routine');
    const longer = runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', (id) => ({ ...base, duration: '2 months', not_coping: 'no' })[id] ?? 'no');
    expect(longer.outcome.disposition).toBe('routine');
  });
  it('coping never assumed: not answered, no self-care', () => {
    const { outcome } = runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', (id) => ({ ...base, duration: '4 days', not_coping: "I'd rather not say" })[id] ?? 'no');
    expect(outcome.disposition).not.toBe('self_care');
  });
});

describe('fainting with pain or a fever', () => {
  it.each([
    ['en', 'my belly hurts and I nearly fainted in the shower'],
    ['en', 'I have a fever and I passed out this morning'],
    ['es', 'me duele mucho la barriga y casi me desmayo'],
  ] as Array<[Language, string]>)('%s "%s" → emergency (shock)', (lang, text) => {
    expect(checkEmergency(content, text, lang)?.reasons.map((r) => r.code)).toContain('redflag.shock_signs');
  });
  it('fainting alone is not this red flag', () => {
    expect(checkEmergency(content, 'I fainted at the bus stop yesterday', 'en')?.reasons.map((r) => r.code) ?? []).not.toContain('redflag.shock_signs');
  });
});

describe('after a birth', () => {
  const birth = 'I gave birth 10 days ago';
  it('the screen lists the postpartum signs, not the pregnancy ones, and no question asks about the baby moving', () => {
    const s = observeText(content, newTriageState(), `${birth} and I have a headache, I am 31`, 'en');
    const items = screenItems(content, s).map((i) => i.id);
    expect(items).toContain('postpartum');
    expect(items).not.toContain('pregnancy');
    const { ids } = runToOutcome(s, 'en', (id) => (id === 'screen' ? '0' : 'no'));
    expect(ids).not.toContain('fetal_movements');
  });
  it.each([
    ['en', `${birth} and now I am suddenly short of breath`],
    ['en', `${birth}, bad headache and my vision is blurry`],
    ['es', 'di a luz hace una semana y tengo dolor en el pecho'],
  ] as Array<[Language, string]>)('%s "%s" → emergency', (lang, text) => {
    expect(checkEmergency(content, text, lang)?.reasons.map((r) => r.code)).toContain('redflag.pregnancy_emergency');
  });
  it('picking the postpartum item by number is an emergency', () => {
    let s = observeText(content, newTriageState(), `${birth}, feeling rough, I am 29`, 'en');
    const step = nextStep(content, s, 'en');
    const screen = step.kind === 'ask' && step.question.id === 'screen' ? step : null;
    expect(screen).not.toBeNull();
    s = beginQuestion(s, screen!);
    const n = s.screen!.offered.indexOf('postpartum') + 1;
    s = recordAnswer(content, s, 'screen', String(n), 'en');
    expect(nextStep(content, s, 'en')).toMatchObject({ kind: 'outcome', outcome: { disposition: 'emergency' } });
  });
});

describe('a blow to the head or neck with new weakness or tingling in the limbs', () => {
  it.each([
    ['en', 'he dived into the shallow end and hit his head on the bottom, now he has pins and needles in both arms'],
    ['fr', "il s'est cogné la tête au fond de la piscine et il a des fourmis dans les deux bras"],
    ['es', 'se dio un golpe en la cabeza y ahora tiene hormigueo en los brazos'],
  ] as Array<[Language, string]>)('%s "%s" → emergency (NICE NG232)', (lang, text) => {
    expect(checkEmergency(content, text, lang)?.reasons.map((r) => r.code)).toContain('redflag.head_injury_danger');
  });
  it('tingling arms without a blow to the head is not this red flag', () => {
    expect(checkEmergency(content, 'pins and needles in both arms when I wake up', 'en')?.reasons.map((r) => r.code) ?? []).not.toContain('redflag.head_injury_danger');
  });
});

// In a pregnancy, or after a birth, "38 weeks" or "6 semanas" is the time of the pregnancy, not how
// long the symptom has lasted: read as a duration it made "lasting a month or more" of everything.
describe('weeks of a pregnancy are not how long the problem has lasted', () => {
  it.each([
    ['en', 'hi, 38 weeks, my waters went and I feel shivery'],
    ['pt', 'estou grávida, a minha última menstruação foi há 6 semanas e tenho enjoo'],
    ['fr', "je suis enceinte (5 semaines) et j'ai un peu mal au ventre"],
    ['es', 'di a luz hace 5 semanas y estoy muy cansada'],
  ] as Array<[Language, string]>)('%s: "%s"', (lang, text) => {
    const s = observeText(content, newTriageState(), text, lang);
    expect(s.durationHours).toBeNull();
  });

  it('a bare gestation said in a pregnancy problem is the gestation, and makes the patient pregnant', () => {
    const s = observeText(content, newTriageState(), 'hi, 38 weeks, my waters went last night', 'en');
    expect(s.gestationWeeks).toBe(38);
    expect(s.findings.pregnant?.present).toBe(true);
  });

  it('outside a pregnancy, weeks are still a duration', () => {
    expect(observeText(content, newTriageState(), 'my knee has hurt for 6 weeks', 'en').durationHours).toBe(6 * 168);
  });
});

describe('waters broken', () => {
  it.each(LANGUAGES)('%s: waters broken is a same-day maternity check; with a fever, an emergency', (lang) => {
    const said: Record<Language, [string, string]> = {
      en: ['my waters broke this morning, I am 37 weeks pregnant', 'my waters broke this morning, I am 37 weeks pregnant and I have a fever'],
      es: ['se me rompió la fuente esta mañana, estoy embarazada de 37 semanas', 'se me rompió la fuente esta mañana, estoy embarazada de 37 semanas y tengo fiebre'],
      fr: ["j'ai perdu les eaux ce matin, je suis enceinte de 37 semaines", "j'ai perdu les eaux ce matin, je suis enceinte de 37 semaines et j'ai de la fièvre"],
      pt: ['a bolsa rompeu hoje de manhã, estou grávida de 37 semanas', 'a bolsa rompeu hoje de manhã, estou grávida de 37 semanas e tenho febre'],
      zh: ['今天早上破水了，怀孕37周', '今天早上破水了，怀孕37周，还发烧'],
      vi: ['sáng nay tôi bị vỡ ối, đang mang thai 37 tuần', 'sáng nay tôi bị vỡ ối, đang mang thai 37 tuần và bị sốt'],
    };
    const [plain, withFever] = said[lang];
    expect(checkEmergency(content, withFever, lang)?.reasons.map((r) => r.code)).toContain('redflag.pregnancy_emergency');
    const no: Record<Language, string> = { en: 'no', es: 'no', fr: 'non', pt: 'não', zh: '没有', vi: 'không' };
    const { outcome } = runToOutcome(observeText(content, newTriageState(), plain, lang), lang, (id) => (id === 'age' ? '30' : id === 'screen' ? '0' : no[lang]));
    expect(outcome.disposition).toBe('urgent');
    expect(outcome.reasons.map((r) => r.code)).toContain('pregnancy.waters_broken');
  });
});

// FAST's "speech": patients say it is hard to talk, not that their speech is slurred
it.each([
  ['es', 'me cuesta un poco tragar y hablar'],
  ['fr', "depuis ce matin j'ai du mal à bien parler"],
  ['pt', 'estou com dificuldade para falar desde cedo'],
  ['en', 'since this morning I have trouble speaking'],
] as Array<[Language, string]>)('%s: "%s" is difficulty speaking', (lang, text) => {
  expect(observeText(content, newTriageState(), text, lang).findings.slurred_speech?.present).toBe(true);
});

it.each([
  ['en', 'my son has sickle cell and a temperature of 38.5'],
  ['es', 'mi hija tiene anemia falciforme y tiene fiebre'],
  ['fr', "mon fils est drépanocytaire et il a 39 de fièvre"],
  ['pt', 'tenho anemia falciforme e estou com febre'],
  ['zh', '孩子有镰状细胞贫血，现在发烧了'],
  ['vi', 'tôi đã cắt lách và đang bị sốt'],
] as Array<[Language, string]>)('%s: a fever with sickle cell disease or no spleen is an emergency', (lang, text) => {
  const { outcome } = runToOutcome(observeText(content, newTriageState(), text, lang), lang, (id) => (id === 'age' ? '8' : id === 'screen' ? '0' : 'no'));
  expect(outcome.disposition).toBe('emergency');
  expect(outcome.reasons.map((r) => r.code)).toContain('general.fever_sickle_or_no_spleen');
});

describe('abdominal pain that keeps getting worse', () => {
  const no: Record<Language, string> = { en: 'no', es: 'no', fr: 'non', pt: 'não', zh: '没有', vi: 'không' };
  it.each([
    ['en', 'my tummy pain is getting worse and worse since this morning'],
    ['es', 'me duele la barriga cada vez más desde esta mañana'],
    ['fr', "j'ai mal au ventre de plus en plus depuis ce matin"],
    ['pt', 'a dor de barriga está cada vez pior desde hoje de manhã'],
    ['zh', '从早上开始肚子越来越痛'],
    ['vi', 'từ sáng tôi đau bụng ngày càng nhiều'],
  ] as Array<[Language, string]>)('%s: is seen today even without a pain score', (lang, text) => {
    const { outcome } = runToOutcome(observeText(content, newTriageState(), text, lang), lang, (id) => (id === 'age' ? '30' : id === 'screen' ? '0' : no[lang]));
    expect(['urgent', 'emergency']).toContain(outcome.disposition);
    expect(outcome.reasons.map((r) => r.code)).toContain('abdominal_pain.worsening');
  });

  it('after a blow to the belly, with vomiting, it is an emergency', () => {
    const text = 'he fell off his bike onto the handlebar, now his tummy hurts, it is getting worse and he has been sick twice';
    expect(checkEmergency(content, text, 'en')?.reasons.map((r) => r.code)).toContain('redflag.severe_abdominal_pain');
  });

  it('"una tirita" (a plaster) is not a fever', () => {
    expect(observeText(content, newTriageState(), 'es un corte pequeño, ¿me pongo una tirita?', 'es').findings.fever).toBeUndefined();
  });
});

// A heart rate read off a watch or a blood-pressure machine, in every language
describe('a heart rate the patient reports', () => {
  it.each([
    ['en', 'my watch says my heart rate is 182', 182],
    ['en', 'bp 88/50 and pulse 118', 118],
    ['en', 'resting at 45 bpm', 45],
    ['es', 'tengo el pulso a 34', 34],
    ['es', 'el aparato marca 150 pulsaciones', 150],
    ['fr', 'son pouls est à 38', 38],
    ['pt', 'o pulso está em 34', 34],
    ['pt', 'o relógio mostra 190 bpm', 190],
    ['zh', '心率180，很难受', 180],
    ['zh', '脉搏只有38', 38],
    ['vi', 'máy đo báo mạch 40', 40],
    ['vi', 'nhịp tim 200 lần/phút', 200],
  ] as Array<[Language, string, number]>)('%s: "%s" is a pulse of %i', (lang, text, bpm) => {
    expect(observeText(content, newTriageState(), text, lang).pulseBpm).toBe(bpm);
  });

  it.each([['I have had 3 pulses of pain'], ['I am 45 and have a rash'], ['took 2 tablets 4 hours apart']])('no pulse in "%s"', (text) => {
    expect(observeText(content, newTriageState(), text, 'en').pulseBpm ?? null).toBeNull();
  });

  const outcomeFor = (text: string, age: string) => runToOutcome(observeText(content, newTriageState(), text, 'en'), 'en', (id) => (id === 'age' ? age : id === 'screen' ? '0' : 'no')).outcome;

  it('very slow in an adult, or slow with dizziness, is an emergency', () => {
    expect(outcomeFor('I feel tired and my pulse is 36', '82').disposition).toBe('emergency');
    const slowDizzy = outcomeFor('I feel dizzy and my pulse is 46', '70');
    expect(slowDizzy.disposition).toBe('emergency');
    expect(slowDizzy.reasons.map((r) => r.code)).toContain('general.pulse_slow_symptoms');
  });

  it('fast at rest is same-day, very fast an emergency, and a child has its own ranges', () => {
    expect(outcomeFor('my heart rate is 135 sitting down and I feel shaky', '40').disposition).toBe('urgent');
    expect(outcomeFor('my watch says my heart rate is 190 at rest', '40').disposition).toBe('emergency');
    const baby = outcomeFor('my baby is feeding less, heart rate 230 on the monitor', '0.5');
    expect(baby.disposition).toBe('emergency');
    expect(baby.reasons.map((r) => r.code)).toContain('general.pulse_child_very_fast');
  });
});

describe('an injured eye', () => {
  const run = (text: string, lang: Language, age: string) =>
    runToOutcome(observeText(content, newTriageState(), text, lang), lang, (id) => (id === 'age' ? age : id === 'screen' ? '0' : id === 'eye_injury' ? 'yes' : 'no')).outcome;
  it('a blast or grinding injury that blurs the sight is an emergency', () => {
    expect(run('a firework went off in his face, his eye is bleeding and he says it is blurry', 'en', '12').disposition).toBe('emergency');
    expect(run('孩子放鞭炮炸到眼睛了，现在看不清', 'zh', '12').disposition).toBe('emergency');
  });
  it('a knock to the eye with some blur is seen today, not an emergency', () => {
    const o = run('my daughter got hit in the eye with a ball, it is a bit blurry', 'en', '10');
    expect(o.disposition).toBe('urgent');
    expect(o.reasons.map((r) => r.code)).toContain('eye.injury');
  });
});

it.each([
  ['pt', 'meu filho caiu e machucou o lábio', '1 ano e 8 meses'],
  ['en', 'my baby has a rash on her cheeks', '6 weeks'],
  ['fr', 'mon fils a de la fièvre', '2 ans et demi'],
] as Array<[Language, string, string]>)('%s: "%s", then "%s" to how old: all of it is the age, not how long it has lasted', (lang, opening, age) => {
  const s0 = observeText(content, newTriageState(), opening, lang);
  const s = recordAnswer(content, beginQuestion(s0, { kind: 'ask', question: { id: 'age', kind: 'number', text: '' } }), 'age', age, lang);
  expect(s.ageYears).not.toBeNull();
  expect(s.durationHours).toBeNull();
});

it('vi: "máu cầm" (the bleeding has stopped) to "still bleeding heavily?" is a no', () => {
  let s = observeText(content, newTriageState(), 'tôi bị dao cứa vào ngón tay', 'vi');
  const id = content.protocols.get('wound')!.questions.find((q) => q.finding === 'bleeding_uncontrolled')!.id;
  s = recordAnswer(content, beginQuestion(s, { kind: 'ask', question: { id, kind: 'yes_no', text: '' } }), id, 'máu cầm sau vài phút ép', 'vi');
  expect(s.findings.bleeding_uncontrolled?.present).toBe(false);
});

// a bulge that used to go back in and now will not is a stuck hernia, whether or not the word "hernia" is said
it.each([
  ['en', "the lump in his groin won't go back in today"],
  ['es', 'tiene un bulto en la ingle que hoy no se mete'],
  ['fr', "une boule dans l'aine qui ne rentre plus depuis ce matin"],
  ['pt', 'o caroço na virilha não volta para dentro hoje'],
  ['zh', '腹股沟的包今天推不回去了'],
  ['vi', 'cục ở bẹn hôm nay không lên được'],
] as Array<[Language, string]>)('%s: "%s" is an emergency', (lang, text) => {
  expect(checkEmergency(content, text, lang)?.reasons.map((r) => r.code)).toContain('redflag.severe_abdominal_pain');
});

// A protocol's home-care default reassures about the problem its reason names; a patient who came about
// something else in that body area (their sight, an eye that "looks strange") is not told to bathe it at home.
describe('a default that reassures only about what the patient described', () => {
  const run = (text: string, lang: Language) =>
    runToOutcome(observeText(content, newTriageState(), text, lang), lang, (id) => (id === 'age' ? '40' : id === 'screen' ? '0' : { en: 'no', es: 'no', fr: 'non', pt: 'não', zh: '没有', vi: 'không' }[lang])).outcome;
  it('a red, itchy eye is home care', () => {
    const o = run('my eye is red and itchy since yesterday', 'en');
    expect(o.disposition).toBe('self_care');
    expect(o.reasons[0]?.code).toBe('eye.default');
  });
  it('an eye problem the patient never described as red, sticky, itchy, twitching or bruised is examined', () => {
    const o = run("since this morning my eyesight is strange, I keep missing things", 'en');
    expect(o.disposition).toBe('routine');
    expect(o.reasons[0]?.code).toBe('eye.not_described');
  });
  it.each([
    ['en', 'my eyelid keeps twitching for a week'],
    ['es', 'me tiembla el párpado desde hace 5 días'],
    ['fr', "j'ai la paupière qui saute depuis une semaine"],
  ] as Array<[Language, string]>)('%s: a twitching eyelid with nothing else is home care', (lang, text) => {
    expect(run(text, lang).disposition).toBe('self_care');
  });
});

it('a urinary or genital problem that is not cystitis symptoms is examined, not home care', () => {
  const run = (text: string) => runToOutcome(observeText(content, newTriageState(), text, 'en'), 'en', (id) => (id === 'age' ? '35' : id === 'screen' ? '0' : 'no')).outcome;
  const other = run('my urine is very dark and smells strong, I feel fine');
  expect(other.disposition).toBe('routine');
  expect(other.reasons[0]?.code).toBe('urinary.not_described');
  expect(run('it burns when I pee and I keep going to the toilet, since yesterday').disposition).toBe('self_care');
});

describe('hurt by another person, and nights without sleep after a birth', () => {
  const no: Record<Language, string> = { en: 'no', es: 'no', fr: 'non', pt: 'não', zh: '没有', vi: 'không' };
  const run = (text: string, lang: Language) =>
    runToOutcome(observeText(content, newTriageState(), text, lang), lang, (id) => (id === 'age' ? '30' : id === 'screen' ? '0' : no[lang])).outcome;
  it.each([
    ['en', 'my partner hit me last night and my wrist hurts'],
    ['es', 'anoche mi pareja me pegó y me duele la muñeca'],
    ['fr', "mon mari m'a frappée hier soir, j'ai mal au poignet"],
    ['pt', 'o meu marido me bateu ontem e dói o pulso'],
    ['zh', '昨晚老公打我，手腕很痛'],
    ['vi', 'tối qua bị chồng đánh, cổ tay đau lắm'],
  ] as Array<[Language, string]>)('%s: is seen the same day (safeguarding)', (lang, text) => {
    const o = run(text, lang);
    expect(['urgent', 'emergency']).toContain(o.disposition);
    expect(o.reasons.map((r) => r.code)).toContain('general.assaulted');
  });
  it('"me pegó la gripe" (passed the flu on) is not an assault', () => {
    expect(observeText(content, newTriageState(), 'mi hijo me pegó la gripe', 'es').findings.assaulted).toBeUndefined();
  });
  it('no sleep for nights after giving birth is same-day', () => {
    const o = run("I gave birth 10 days ago and I haven't slept for three nights, my mind is racing", 'en');
    expect(o.reasons.map((r) => r.code)).toContain('general.postpartum_no_sleep');
  });
});

it.each([
  ['en', 'my nan is 84 and has barely eaten or drunk anything for 3 days', '84'],
  ['vi', 'bà nội em 82 tuổi 3 hôm nay bỏ ăn, người mệt', '82'],
] as Array<[Language, string, string]>)('%s: an older person eating and drinking little for days is same-day', (lang, text, age) => {
  const no = lang === 'vi' ? 'không' : 'no';
  const o = runToOutcome(observeText(content, newTriageState(), text, lang), lang, (id) => (id === 'age' ? age : id === 'screen' ? '0' : no)).outcome;
  expect(o.reasons.map((r) => r.code)).toContain('general.older_not_eating_drinking');
});

describe('a testicle change', () => {
  const base: Record<string, string> = { age: '30', screen: 'none', duration: '3 weeks' };
  const run = (opening: string, answers: Record<string, string>) =>
    runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', (id) => ({ ...base, ...answers })[id] ?? 'no').outcome;
  it('painless, with no fever or sudden start: an appointment, not today', () => {
    const outcome = run('i found a soft swelling on one side of my scrotum', { pain: '0', testicular_lump: 'not a lump, more of a soft swelling' });
    expect(outcome.disposition).toBe('routine');
    expect(outcome.reasons.map((r) => r.code)).toContain('testicular.default');
  });
  it('painful or with a fever: seen today', () => {
    expect(run('my left testicle aches', { pain: '6' }).disposition).toBe('urgent');
    expect(run('my left testicle is swollen', { pain: '2', fever: 'yes 38.5' }).disposition).toBe('urgent');
  });
});

describe('a duration said in passing is not how long the problem has lasted', () => {
  const opening = 'my defibrillator was put in 3 years ago and it gave me a shock this morning';
  const answers = (duration: string) => (id: string) =>
    ({ age: '60', screen: 'none', problem: 'something else', problem_describe: 'it is hard to explain', duration })[id] ?? 'no';
  it('when that number would lower the outcome, the duration question is asked and its answer decides', () => {
    const today = runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', answers('since this morning'));
    expect(today.ids).toContain('duration');
    expect(today.outcome.disposition).toBe('urgent');
    const weeks = runToOutcome(observeText(content, newTriageState(), opening, 'en'), 'en', answers('about 3 weeks'));
    expect(weeks.outcome.disposition).toBe('routine');
  });
  it('a duration given to the question itself is not asked again', () => {
    let state = observeText(content, newTriageState(), 'i have a strange feeling that is hard to describe', 'en');
    const run = runToOutcome(state, 'en', answers('for 2 months'));
    expect(run.ids.filter((id) => id === 'duration')).toHaveLength(1);
    expect(run.outcome.disposition).toBe('routine');
    state = run.state;
    expect(state.durationConfirmed).toBe(true);
  });
});

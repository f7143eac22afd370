// The crisis pathway: any hint of self-harm leads first to the C-SSRS screen questions; intent, a
// plan, something done or prepared, or not being able (or sure) to keep safe is an emergency with
// the crisis line; wishes or thoughts alone are urgent, with the crisis line.
import { loadClinicalContent } from '../../src/triage/content';
import { beginQuestion, newTriageState, nextStep, observeText, recordAnswer, type TriageState } from '../../src/triage/engine';
import type { Language, TriageOutcome } from '../../src/triage/types';

const content = loadClinicalContent();

function play(opening: string, lang: Language, answers: Record<string, string>, fallback: string): { outcome: TriageOutcome; asked: string[] } {
  let s: TriageState = observeText(content, newTriageState(), opening, lang);
  const asked: string[] = [];
  for (let i = 0; i < 25; i++) {
    const step = nextStep(content, s, lang);
    if (step.kind === 'outcome') return { outcome: step.outcome, asked };
    asked.push(step.question.id);
    s = recordAnswer(content, beginQuestion(s, step), step.question.id, answers[step.question.id] ?? fallback, lang);
  }
  throw new Error('no outcome');
}

describe('hints that open the crisis questions', () => {
  it.each([
    ['en', "I can't go on like this, everyone would be better off without me"],
    ['en', 'I have been giving away my things, there is no way out'],
    ['es', 'Ya no puedo más, soy una carga para todos'],
    ['fr', "Je n'en peux plus, à quoi bon"],
    ['pt', 'Não aguento mais, sou um peso para todos'],
    ['zh', '我撑不下去了，没有希望'],
    ['vi', 'Tôi không chịu nổi nữa, tuyệt vọng lắm'],
  ] as Array<[Language, string]>)('%s "%s" asks the C-SSRS questions first', (lang, opening) => {
    const s = observeText(content, newTriageState(), opening, lang);
    const step = nextStep(content, s, lang);
    expect(step.kind === 'ask' && step.question.id.startsWith('cssrs_')).toBe(true);
  });
});

it.each([
  ['en', "I've written goodbye letters to my kids"],
  ['es', 'He escrito cartas de despedida a mis hijos'],
  ['fr', "J'ai écrit des lettres d'adieu à mes enfants"],
  ['pt', 'Escrevi cartas de despedida aos meus filhos'],
  ['zh', '我已经写好了遗书'],
  ['vi', 'Tôi đã viết thư tuyệt mệnh cho các con'],
] as Array<[Language, string]>)('goodbye letters written (something prepared) are an emergency at once: %s', (lang, opening) => {
  const step = nextStep(content, observeText(content, newTriageState(), opening, lang), lang);
  expect(step.kind === 'outcome' && step.outcome.disposition).toBe('emergency');
  expect(step.kind === 'outcome' && step.outcome.crisisLine).toBe(true);
});

describe('outcomes of the screen', () => {
  it('a plan is an emergency with the crisis line', () => {
    const { outcome } = play("I can't go on", 'en', { cssrs_wish_dead: 'yes', cssrs_thoughts: 'yes', cssrs_method: 'yes', cssrs_intent: 'no', cssrs_plan: 'yes, I have decided on the bridge' }, 'no');
    expect(outcome.disposition).toBe('emergency');
    expect(outcome.crisisLine).toBe(true);
    expect(outcome.advice.whatToDo).toContain('{{crisisLine}}');
  });

  it('"not sure" to keeping safe is an emergency, whatever else was said', () => {
    const { outcome } = play('I wish I was dead', 'en', { cssrs_thoughts: 'no', keep_safe: "I don't know" }, 'no');
    expect(outcome.disposition).toBe('emergency');
    expect(outcome.crisisLine).toBe(true);
  });

  it('wishing to be dead without thoughts, plan or intent, and able to keep safe, is urgent with the crisis line', () => {
    const { outcome, asked } = play('I keep thinking everyone would be better off without me', 'en', { cssrs_wish_dead: 'sometimes I wish I could just not wake up', keep_safe: 'yes I can keep myself safe' }, 'no');
    expect(outcome.disposition).toBe('urgent');
    expect(outcome.crisisLine).toBe(true);
    expect(asked).not.toContain('cssrs_intent');
  });

  it('a hint that screens negative goes on to the complaint', () => {
    const { outcome, asked } = play("I can't go on like this with my back pain, I am 50", 'en', {}, 'no');
    expect(asked.slice(0, 2)).toEqual(['cssrs_wish_dead', 'cssrs_thoughts']);
    expect(outcome.protocol).toBe('back_pain');
    expect(outcome.crisisLine).toBe(false);
  });

  it('works in every language', () => {
    const yes: Record<Language, string> = { en: 'yes', es: 'sí', fr: 'oui', pt: 'sim', zh: '是的', vi: 'có' };
    const no: Record<Language, string> = { en: 'no', es: 'no', fr: 'non', pt: 'não', zh: '没有', vi: 'không' };
    const opening: Record<Language, string> = {
      en: "I can't go on",
      es: 'Ya no puedo más',
      fr: "Je n'en peux plus",
      pt: 'Não aguento mais',
      zh: '我撑不下去了',
      vi: 'Tôi không chịu nổi nữa',
    };
    for (const lang of Object.keys(yes) as Language[]) {
      const { outcome } = play(opening[lang], lang, { cssrs_wish_dead: yes[lang], cssrs_thoughts: yes[lang], cssrs_intent: yes[lang] }, no[lang]);
      expect(outcome.disposition).toBe('emergency');
      expect(outcome.crisisLine).toBe(true);
    }
  });
});

describe('a sign of crisis and the questions not answered ("I would rather not say")', () => {
  const decline: Record<Language, string> = {
    en: "I'd rather not say",
    es: 'prefiero no contestar',
    fr: "je n'ai rien d'autre à dire",
    pt: 'não quero falar sobre isso',
    zh: '不想回答',
    vi: 'không muốn trả lời',
  };
  const opening: Record<Language, string> = {
    en: "I've put everything in order, I won't be around much longer",
    es: 'Ya dejé todo en orden, ya no voy a estar',
    fr: "J'ai tout mis en ordre, je ne serai bientôt plus là",
    pt: 'Deixei tudo em ordem, não vou estar aqui por muito tempo',
    zh: '后事都安排好了，以后我就不在了',
    vi: 'Tôi đã sắp xếp mọi thứ xong, khi tôi không còn nữa thì các con tự lo',
  };

  it.each(Object.keys(decline) as Language[])('%s: keeping safe is asked, and declining it too is an emergency with the crisis line', (lang) => {
    const { outcome, asked } = play(opening[lang], lang, {}, decline[lang]);
    expect(asked.slice(0, 3)).toEqual(['cssrs_wish_dead', 'cssrs_thoughts', 'keep_safe_unanswered']);
    expect(outcome.disposition).toBe('emergency');
    expect(outcome.crisisLine).toBe(true);
  });

  it('able to keep safe, thoughts of suicide still not ruled out: urgent with the crisis line, never routine', () => {
    const { outcome } = play(opening.en, 'en', { keep_safe_unanswered: 'yes I can' }, decline.en);
    expect(outcome.disposition).toBe('urgent');
    expect(outcome.crisisLine).toBe(true);
    expect(outcome.reasons.map((r) => r.code)).toContain('crisis.not_ruled_out');
  });

  it('a clear no to thoughts of suicide does not ask again about keeping safe', () => {
    const { asked } = play(opening.en, 'en', { cssrs_wish_dead: 'no', cssrs_thoughts: 'no' }, 'no');
    expect(asked).not.toContain('keep_safe_unanswered');
  });
});

// Asked about the wish to be dead or about a plan, someone in crisis often answers with a sentence that
// is neither yes nor no. A description is a yes there (the next question goes further); doubt or a
// limiting hedge is not (a parent who "doesn't know", "just the thoughts").
describe('descriptions given to the C-SSRS questions', () => {
  it.each([
    ['en', "I can't go on", 'I keep thinking about walking into the sea one night'],
    ['es', 'Ya no puedo más', 'pienso en irme al mar una noche y ya'],
    ['fr', "Je n'en peux plus", "je pense à partir marcher dans la mer un soir"],
    ['pt', 'Não aguento mais', 'penso em ir para o mar uma noite e pronto'],
    ['zh', '我撑不下去了', '我总想着哪天晚上走进海里'],
    ['vi', 'Tôi không chịu nổi nữa', 'em cứ nghĩ tới chuyện một đêm đi ra biển'],
  ] as Array<[Language, string, string]>)('%s: a description to "wished you were dead?" is a yes', (lang, opening, description) => {
    let s = observeText(content, newTriageState(), opening, lang);
    const step = nextStep(content, s, lang);
    if (step.kind !== 'ask') throw new Error('expected a question');
    expect(step.question.id).toBe('cssrs_wish_dead');
    s = recordAnswer(content, beginQuestion(s, step), step.question.id, description, lang);
    expect(s.findings.wish_dead?.present).toBe(true);
  });

  it.each([
    ["I don't really know, she doesn't talk much"],
    ['just the thoughts, nothing more'],
    ['no, never'],
  ])('"%s" is not taken as a yes', (answer) => {
    let s = observeText(content, newTriageState(), "I can't go on", 'en');
    const step = nextStep(content, s, 'en');
    if (step.kind !== 'ask') throw new Error('expected a question');
    s = recordAnswer(content, beginQuestion(s, step), step.question.id, answer, 'en');
    expect(s.findings.wish_dead?.present).not.toBe(true);
  });
});

it.each([
  ['fr', "J'ai décidé d'en finir ce soir"],
  ['vi', 'tối nay em đi, không làm phiền ai nữa'],
  ['es', 'esta noche acabo con todo, ya no voy a molestar más'],
] as Array<[Language, string]>)('an indirect way of saying it ends tonight is an emergency with the crisis line: %s', (lang, opening) => {
  const step = nextStep(content, observeText(content, newTriageState(), opening, lang), lang);
  expect(step.kind === 'outcome' && step.outcome.disposition).toBe('emergency');
  expect(step.kind === 'outcome' && step.outcome.crisisLine).toBe(true);
});

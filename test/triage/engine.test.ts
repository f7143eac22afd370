// Engine behaviour: questions, answers, never asking twice, findings only going up, reasons.
import { loadClinicalContent } from '../../src/triage/content';
import {
  MAX_QUESTIONS,
  addFindings,
  knownFindings,
  newTriageState,
  nextStep,
  observeText,
  recordAnswer,
  type NextStep,
  type TriageState,
} from '../../src/triage/engine';
import { LANGUAGES, type Language } from '../../src/triage/types';
import { runToOutcome as run } from '../helpers/triage-run';

const content = loadClinicalContent();

function asked(step: NextStep): string {
  if (step.kind !== 'ask') throw new Error(`expected a question, got ${step.kind}`);
  return step.question.id;
}

const runToOutcome = (state: TriageState, lang: Language, answer: (id: string) => string) => run(content, state, lang, answer);

describe('nextStep', () => {
  it('asks for the main problem from a list; one it still cannot place goes to a clinician, never to routine', () => {
    let s = newTriageState();
    expect(asked(nextStep(content, s, 'en'))).toBe('problem');
    s = recordAnswer(content, s, 'problem', 'hmm', 'en');
    expect(asked(nextStep(content, s, 'en'))).toBe('problem.describe');
    s = recordAnswer(content, s, 'problem.describe', 'hmm', 'en');
    const { outcome, ids } = runToOutcome(s, 'en', () => 'no');
    expect(ids).toEqual(['age', 'screen', 'duration']);
    expect(outcome.protocol).toBe('unplaced');
    expect(outcome.disposition).toBe('urgent');
  });

  it('asks how long an unplaced problem has gone on: two weeks or more with no warning sign is an appointment, not a call back today', () => {
    let s = recordAnswer(content, newTriageState(), 'problem', 'hmm', 'en');
    s = recordAnswer(content, s, 'problem.describe', 'hmm', 'en');
    const answers: Record<string, string> = { age: '34', screen: '0' };
    const long = runToOutcome(s, 'en', (id) => answers[id] ?? 'about 3 months');
    expect(long.ids).toContain('duration');
    expect(long.outcome.disposition).toBe('routine');
    expect(long.outcome.reasons.map((r) => r.code)).toContain('general.lasting_a_month');
    const fortnight = runToOutcome(s, 'en', (id) => answers[id] ?? 'about 16 days');
    expect(fortnight.outcome.disposition).toBe('routine');
    expect(fortnight.outcome.reasons[0]?.code).toBe('unplaced.long_standing');
    const recent = runToOutcome(s, 'en', (id) => answers[id] ?? 'since yesterday');
    expect(recent.outcome.disposition).toBe('urgent');
    expect(recent.outcome.reasons[0]?.code).toBe('unplaced.clinician');
    const tenDays = runToOutcome(s, 'en', (id) => answers[id] ?? '10 days');
    expect(tenDays.outcome.disposition).toBe('urgent');
  });

  it('new voices or paranoia stay a same-day contact however long they have lasted', () => {
    const s = observeText(content, newTriageState(), 'for 3 weeks my son has been talking to himself and says the neighbours are spying on him', 'en');
    const { outcome } = runToOutcome(s, 'en', (id) => (id === 'age' ? '19' : id === 'screen' ? '0' : 'no'));
    expect(outcome.disposition).toBe('urgent');
    expect(outcome.reasons.map((r) => r.code)).toContain('general.psychosis');
  });

  it('picks the problem by number, or by a finding the answer states', () => {
    const byNumber = recordAnswer(content, newTriageState(), 'problem', String(content.problems.items.findIndex((i) => i.protocol === 'eye') + 1), 'en');
    expect(byNumber.protocol).toBe('eye');
    const byFinding = recordAnswer(content, newTriageState(), 'problem', 'a heavy pressure in the middle of my chest', 'en');
    expect(byFinding.protocol).toBe('chest_pain');
  });

  it('never asks what the patient already said, before or during the questions', () => {
    let s = observeText(content, newTriageState(), "I'm 63 and have had a headache for 3 days, pain 4/10", 'en');
    expect(s.protocol).toBe('headache');
    const { ids } = runToOutcome(s, 'en', (id) => (id === 'fever' ? 'no fever, and my neck is not stiff' : 'no'));
    expect(ids).not.toContain('age');
    expect(ids).not.toContain('duration');
    expect(ids).not.toContain('pain');
    expect(ids).not.toContain('stiff_neck');
    expect(new Set(ids).size).toBe(ids.length);
    s = observeText(content, newTriageState(), 'headache, I am 40', 'en');
    expect(asked(nextStep(content, s, 'en'))).toBe('screen');
  });

  it('asks at most MAX_QUESTIONS of its own questions per protocol and always ends with an outcome that carries reasons', () => {
    for (const p of content.protocols.values()) {
      const s: TriageState = { ...newTriageState(), protocol: p.id };
      for (const answer of ['no', 'yes']) {
        const { outcome, ids } = runToOutcome(s, 'en', () => answer);
        expect(ids.filter((id) => p.questions.some((q) => q.id === id)).length).toBeLessThanOrEqual(MAX_QUESTIONS);
        expect(outcome.reasons.length).toBeGreaterThan(0);
        expect(outcome.reasons.every((r) => r.code.length > 0 && r.text.length > 0)).toBe(true);
      }
    }
  });

  it('takes the most urgent of all fired rules and lists each as a reason quoting the answer', () => {
    let s = observeText(content, newTriageState(), 'burning when I pee since yesterday, 34F', 'en');
    const { outcome } = runToOutcome(s, 'en', (id) => (id === 'fever' ? '38.6 this morning' : id === 'blood_in_urine' ? 'yes, it looked pink' : 'no'));
    expect(outcome.disposition).toBe('urgent');
    const codes = outcome.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['urinary.fever', 'urinary.blood']));
    expect(outcome.reasons.find((r) => r.code === 'urinary.fever')?.text).toContain('38.6');
    s = observeText(content, newTriageState(), 'sore throat for 2 days, I am 26', 'en');
    const mild = runToOutcome(s, 'en', () => 'no');
    expect(mild.outcome.disposition).toBe('self_care');
    expect(mild.outcome.reasons[0]?.code).toBe('sore_throat.default');
  });

  it('ends at once with an emergency when an answer completes a red flag', () => {
    let s = observeText(content, newTriageState(), 'I have a bad headache and a high temperature', 'en');
    expect(nextStep(content, s, 'en').kind).toBe('ask');
    s = recordAnswer(content, s, 'stiff_neck', 'yes', 'en');
    const step = nextStep(content, s, 'en');
    expect(step.kind === 'outcome' && step.outcome.disposition).toBe('emergency');
    expect(step.kind === 'outcome' && step.outcome.reasons[0]?.code).toBe('redflag.meningitis_signs');
  });

  it('switches the fever protocol by age', () => {
    const child = observeText(content, newTriageState(), 'my son is 4 and has a fever', 'en');
    const adult = observeText(content, newTriageState(), 'I am 40 and have a fever', 'en');
    expect(runToOutcome(child, 'en', () => 'no').outcome.protocol).toBe('fever_child');
    expect(runToOutcome(adult, 'en', () => 'no').outcome.protocol).toBe('fever_adult');
  });
});

describe('recordAnswer', () => {
  const yesNo: Array<[Language, string, boolean]> = [
    ['en', 'yes', true],
    ['en', 'nope', false],
    ['es', 'sí', true],
    ['es', 'no', false],
    ['fr', 'oui', true],
    ['fr', 'non', false],
    ['pt', 'sim', true],
    ['pt', 'não', false],
    ['zh', '是的', true],
    ['zh', '没有', false],
    ['vi', 'có', true],
    ['vi', 'không', false],
    ['vi', 'khong', false],
  ];
  it.each(yesNo)('%s "%s" → %s', (lang, answer, present) => {
    const s = observeText(content, newTriageState(), 'headache', 'en');
    expect(recordAnswer(content, s, 'vision', answer, lang).findings.vision_blurred?.present).toBe(present);
  });

  it('reads descriptive answers: "fine" is a no, a description of the thing asked is a yes', () => {
    const s = observeText(content, newTriageState(), 'I have a cough and a cold', 'en');
    expect(recordAnswer(content, s, 'breathless', 'breathing is fine', 'en').findings.breathless?.present).toBe(false);
    expect(recordAnswer(content, s, 'cough_blood', 'a little dry tickly cough', 'en').findings.cough_blood).toBeUndefined();
    const tummy = observeText(content, newTriageState(), 'I have stomach pain', 'en');
    expect(recordAnswer(content, tummy, 'vomiting', '3 or 4 times since this morning', 'en').findings.vomiting?.present).toBe(true);
  });

  it('reads numbers for age, pain and temperature questions', () => {
    const s = observeText(content, newTriageState(), 'headache', 'en');
    expect(recordAnswer(content, s, 'age', '6 weeks', 'en').ageYears).toBeCloseTo(6 / 52, 2);
    expect(recordAnswer(content, s, 'pain', '3 or 4', 'en').painScore).toBe(4);
    expect(recordAnswer(content, s, 'pain', '2 de 10', 'pt').painScore).toBe(2);
    const t = recordAnswer(content, s, 'fever', '39 esta mañana, con paracetamol bajó a 37,8', 'es');
    expect(t.temperatureC).toBe(39);
    expect(t.findings.fever?.present).toBe(true);
  });

  it('records the question as asked even when the answer is unclear', () => {
    const s = observeText(content, newTriageState(), 'headache', 'en');
    const t = recordAnswer(content, s, 'sudden_onset', "I'm not sure", 'en');
    expect(t.asked).toContain('sudden_onset');
    expect(t.findings.sudden_onset).toBeUndefined();
    expect(asked(nextStep(content, t, 'en'))).not.toBe('sudden_onset');
  });

  it('does not change the state it was given and returns plain JSON', () => {
    const s = newTriageState();
    const t = observeText(content, s, 'fever and cough for 2 days, I am 30', 'en');
    expect(s.findings).toEqual({});
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });
});

describe('addFindings and knownFindings', () => {
  it('adds LLM positives with the patient\'s words, but never lowers or removes a known positive', () => {
    let s = observeText(content, newTriageState(), 'I have chest pain', 'en');
    s = addFindings(
      s,
      [
        { id: 'chest_pain', present: false, evidence: 'no chest pain' },
        { id: 'sweating', present: true, evidence: 'all sweaty' },
        { id: 'fever', present: false, evidence: 'no fever' },
        { id: 'nausea', present: true, evidence: '' },
      ],
      'llm',
    );
    expect(s.findings.chest_pain?.present).toBe(true);
    expect(s.findings.sweating).toEqual(expect.objectContaining({ present: true, source: 'llm', evidence: 'all sweaty' }));
    expect(s.findings.fever).toBeUndefined();
    // no words behind it, no finding
    expect(s.findings.nausea).toBeUndefined();
    expect(knownFindings(s)).toEqual(
      expect.arrayContaining([
        { id: 'chest_pain', present: true, source: 'text', evidence: expect.stringContaining('chest pain') },
        { id: 'sweating', present: true, source: 'llm', evidence: 'all sweaty' },
      ]),
    );
  });

  it('later text cannot lower a positive finding either', () => {
    let s = observeText(content, newTriageState(), 'my neck is stiff', 'en');
    s = observeText(content, s, 'no stiff neck', 'en');
    expect(s.findings.stiff_neck?.present).toBe(true);
  });
});

describe('six languages', () => {
  it.each(LANGUAGES)('every question of every protocol has text in %s', (lang) => {
    for (const p of content.protocols.values()) for (const q of p.questions) expect(q.text[lang].trim().length).toBeGreaterThan(0);
  });
});

describe('when the patient cannot say', () => {
  // a carer who cannot see the patient: "I don't know" to the warning signs does not rule them out
  it('two warning-sign questions answered "I don\'t know" go to a clinician (urgent), with the answers quoted', () => {
    const s = observeText(content, newTriageState(), 'my mother had her baby 8 days ago and she feels sick, I am 34', 'en');
    const { outcome } = runToOutcome(s, 'en', (id) => (id === 'screen' ? 'none of these' : "I don't know, she won't open the door"));
    expect(outcome.disposition).toBe('urgent');
    const reason = outcome.reasons.find((r) => r.code === 'unanswered.clinician');
    expect(reason?.text).toContain("I don't know");
  });

  it('the same patient answering no goes to the protocol\'s own outcome', () => {
    const s = observeText(content, newTriageState(), 'my mother had her baby 8 days ago and she feels sick, I am 34', 'en');
    const { outcome } = runToOutcome(s, 'en', (id) => (id === 'screen' ? 'none of these' : 'no'));
    expect(outcome.reasons.map((r) => r.code)).not.toContain('unanswered.clinician');
  });
});

describe('psychosis', () => {
  it('hearing voices after giving birth is an emergency (postpartum psychosis), whatever the answers', () => {
    const s = observeText(content, newTriageState(), 'minha esposa teve bebê há 8 dias, ouve vozes e fala muito rápido', 'pt');
    const { outcome } = runToOutcome(s, 'pt', () => 'não');
    expect(outcome.disposition).toBe('emergency');
    expect(outcome.reasons.map((r) => r.code)).toContain('redflag.postpartum_psychosis');
  });

  it('hearing voices counts whatever the complaint (urgent, a shared discriminator)', () => {
    const s = observeText(content, newTriageState(), "I've had a headache for 2 days and I keep hearing voices, I am 30", 'en');
    const { outcome } = runToOutcome(s, 'en', (id) => (id === 'screen' ? 'none of these' : 'no'));
    expect(outcome.disposition).toBe('urgent');
    expect(outcome.reasons.map((r) => r.code)).toContain('general.psychosis');
  });
});

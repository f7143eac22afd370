// Every protocol's outcome carries its own self-care steps and safety net, in every language,
// without naming a medicine, a dose or a diagnosis.
import { fold } from '../../src/llm/guards/fold';
import { lexicon } from '../../src/llm/guards/lexicon';
import { loadClinicalContent } from '../../src/triage/content';
import { beginQuestion, newTriageState, nextStep, observeText, recordAnswer, type TriageState } from '../../src/triage/engine';
import { adviceFor } from '../../src/triage/outcome-text';
import { LANGUAGES } from '../../src/triage/types';

const content = loadClinicalContent();

describe('per-protocol advice', () => {
  it('exists for every protocol, for the crisis, for babies and for a problem that could not be placed', () => {
    const missing = [...content.protocols.keys(), 'crisis', 'infant', 'unplaced'].filter((id) => !content.advice.has(id));
    expect(missing).toEqual([]);
  });

  it('never names a medicine, a dose or a diagnosis, in any language', () => {
    const lex = lexicon();
    const banned = [...lex.output.drug, ...lex.output.conditions, ...lex.output.diagnosis];
    const hits: string[] = [];
    for (const a of content.advice.values()) {
      for (const lang of LANGUAGES) {
        for (const text of [a.selfCare[lang], a.safetyNet[lang]]) {
          const folded = fold(text);
          for (const re of banned) {
            re.lastIndex = 0;
            if (re.test(folded)) hits.push(`${a.protocol}.${lang}: ${re.source}`);
          }
        }
      }
    }
    expect(hits).toEqual([]);
  });

  it('a self-care outcome tells the patient how to look after this problem, and when to come back', () => {
    let s: TriageState = observeText(content, newTriageState(), 'I burnt my finger on the oven, a small red patch, no blisters, I am 30', 'en');
    for (let i = 0; i < 20; i++) {
      const step = nextStep(content, s, 'en');
      if (step.kind === 'outcome') {
        expect(step.outcome.protocol).toBe('burns');
        expect(step.outcome.disposition).toBe('self_care');
        expect(step.outcome.advice.whatToDo).toBe(content.advice.get('burns')!.selfCare.en);
        expect(step.outcome.advice.safetyNet).toBe(content.advice.get('burns')!.safetyNet.en);
        return;
      }
      s = recordAnswer(content, beginQuestion(s, step), step.question.id, 'no', 'en');
    }
    throw new Error('no outcome');
  });

  it('an urgent outcome keeps "be seen today" and adds the problem\'s own safety net; an emergency keeps the emergency text', () => {
    const urgent = adviceFor(content, 'urgent', 'es', false, 'sore_throat');
    expect(urgent.whatToDo).toBe(content.outcomes.urgent.whatToDo.es);
    expect(urgent.safetyNet).toBe(content.advice.get('sore_throat')!.safetyNet.es);
    expect(adviceFor(content, 'emergency', 'fr', false, 'sore_throat')).toEqual({
      headline: content.outcomes.emergency.headline.fr,
      whatToDo: content.outcomes.emergency.whatToDo.fr,
      safetyNet: content.outcomes.emergency.safetyNet.fr,
    });
  });
});

// The bot with the LLM path switched on (offline fake models): the model may reword and add
// findings, but a model that tries to lower urgency, name a drug or drop the emergency number is
// refused by the guards, the deterministic reply goes out, and the guard decisions reach the case.
import { EvalChatModel } from '../../src/eval/fake-chat-model';
import { TestPatient, triageOf, type BotReply } from '../helpers/patient';
import { buildTestApp } from '../helpers/test-services';

describe('LLM path in the pipeline', () => {
  it('sends the emergency answer from its template, untouched by a misbehaving model; the handover note stays checked', async () => {
    const script = ['I have a headache since this morning', 'and now I suddenly have the worst headache of my life, like a thunderclap'];
    const play = async (model?: EvalChatModel): Promise<{ outcome?: BotReply; ctx: ReturnType<typeof buildTestApp> }> => {
      const ctx = buildTestApp(model ? { llmModel: model } : {});
      const p = new TestPatient(ctx.services);
      await p.consent(await p.say('hi'));
      // A non-emergency turn first (the LLM extraction runs after the gate, once consent is given).
      await p.say(script[0]);
      const replies = await p.say(script[1]);
      return { outcome: replies.find((r) => r.triage), ctx };
    };
    const model = new EvalChatModel('adversarial');
    const [{ outcome, ctx }, plain] = await Promise.all([play(model), play()]);
    expect(outcome?.triage?.disposition).toBe('emergency');
    expect(outcome?.text).toBe(plain.outcome?.text);
    expect(outcome?.text).toContain(ctx.services.clinic.emergencyNumber);
    expect(model.calls).toBeGreaterThan(0);
    // The handover note is written after the reply; the model's attempt is refused and the template kept.
    expect(await ctx.services.afterTurn.drain(10_000)).toBe(true);
    const stored = await ctx.services.repos.cases.get(outcome!.triage!.caseId);
    expect(stored?.handoverSource).toBe('template');
    expect(stored?.guardEvents.some((e) => e.guard !== 'turn_budget' && (e.action === 'fallback' || e.action === 'refused'))).toBe(true);
  });

  it('never lowers a disposition the protocol reached (adversarial model vs. no model)', async () => {
    const script = ['I have a sore throat and a fever of 39 and I can barely swallow my saliva, I am drooling', 'no'];
    const play = async (withModel: boolean): Promise<string | undefined> => {
      const ctx = buildTestApp(withModel ? { llmModel: new EvalChatModel('adversarial') } : {});
      const p = new TestPatient(ctx.services);
      let replies = await p.consent(await p.say(script[0]));
      for (let i = 0; i < 12 && !triageOf(replies); i++) replies = await p.say(script[1]);
      return triageOf(replies)?.disposition;
    };
    const [plain, guarded] = await Promise.all([play(false), play(true)]);
    expect(plain).toBeDefined();
    expect(guarded).toBe(plain);
  });

  it('uses at most one LLM call per patient turn', async () => {
    const model = new EvalChatModel('echo');
    const ctx = buildTestApp({ llmModel: model });
    const p = new TestPatient(ctx.services);
    let replies = await p.consent(await p.say('my lower back has been aching for two weeks after lifting boxes'));
    let turns = 2;
    for (let i = 0; i < 12 && !triageOf(replies); i++, turns++) replies = await p.say('no, nothing like that at all');
    // Handover notes are staff-side (outside the patient's turn budget); routine cases get none.
    expect(model.calls).toBeLessThanOrEqual(turns);
    expect(triageOf(replies)).toBeDefined();
  });
});

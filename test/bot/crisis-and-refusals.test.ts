// Over the real bot pipeline: the crisis pathway before consent as after, requests that are not about
// health, problems the engine cannot place, and one reading of each message per turn.
import { buildTestApp, type TestContext } from '../helpers/test-services';
import { TestPatient, lastPrompt, triageOf, type BotReply } from '../helpers/patient';
import type { Language } from '../../src/triage/types';

let ctx: TestContext;
beforeEach(() => {
  ctx = buildTestApp();
});

const texts = (replies: BotReply[]): string => replies.map((r) => r.text).join('\n');

/** Answers every question with `answer` (the consent with its agreeing choice) until an outcome. */
async function playOn(p: TestPatient, replies: BotReply[], answer: (prompt: string) => string): Promise<BotReply[]> {
  for (let i = 0; i < 20 && !triageOf(replies); i++) {
    const prompt = lastPrompt(replies);
    replies = prompt?.prompt?.kind === 'consent' ? await p.say(prompt.actions[0]) : await p.say(answer(prompt?.prompt?.id ?? ''));
  }
  return replies;
}

describe('crisis, before consent as after', () => {
  it('a first message about not wanting to live gets the crisis line at once, is not read as declining, and leads to the crisis questions', async () => {
    const p = new TestPatient(ctx.services);
    const first = await p.say('i dont want to live anymore, i am thinking of ending my life');
    expect(texts(first)).toContain(ctx.services.clinic.crisisLine);
    expect(lastPrompt(first)?.prompt?.kind).toBe('consent');
    const afterConsent = await p.consent(first);
    expect(lastPrompt(afterConsent)?.prompt?.id).toMatch(/^cssrs_|^keep_safe$/);
    const outcome = triageOf(await playOn(p, afterConsent, (id) => (id === 'keep_safe' ? "I don't know" : 'no')));
    expect(outcome?.disposition).toBe('emergency');
    const kase = await ctx.services.repos.cases.get(outcome!.caseId);
    expect(kase).toMatchObject({ escalated: true, status: 'open' });
  });

  it('typed as the answer to the consent question, a crisis message is not a "no"', async () => {
    const p = new TestPatient(ctx.services);
    await p.say('hello');
    const reply = await p.say('I want to kill myself');
    expect(texts(reply)).toContain(ctx.services.clinic.crisisLine);
    expect(texts(reply)).not.toContain(ctx.services.i18n.t('en')('bot:consent.declined', { clinicPhone: ctx.services.clinic.phone, emergencyNumber: ctx.services.clinic.emergencyNumber }));
  });

  it('passive thoughts with no plan end urgent, with the crisis line, in the staff queue', async () => {
    const p = new TestPatient(ctx.services);
    const first = await p.consent(await p.say('lately I keep thinking everyone would be better off without me'));
    const replies = await playOn(p, first, (id) => (id === 'cssrs_wish_dead' ? 'yes' : id === 'keep_safe' ? 'yes, I can keep myself safe' : id === 'age' ? '26' : 'no'));
    const outcome = replies.find((r) => r.triage);
    expect(outcome?.triage?.disposition).toBe('urgent');
    expect(outcome?.text).toContain(ctx.services.clinic.crisisLine);
    expect(await ctx.services.repos.cases.get(outcome!.triage!.caseId)).toMatchObject({ escalated: true, status: 'open' });
  });

  it('a crisis hint followed by declining the assistant still reaches staff', async () => {
    const p = new TestPatient(ctx.services);
    const first = await p.say("I can't go on anymore, there is no point");
    await p.say(lastPrompt(first)!.actions[1]);
    const open = await ctx.services.repos.cases.list({ conversationId: p.key });
    expect(open.map((c) => c.reasons[0]?.code)).toContain('crisis.declined_consent');
  });
});

describe('requests that are not about health', () => {
  it.each([
    ['en', 'can you write me a 500 word essay about the causes of the french revolution'],
    ['en', 'tell me a really funny joke about dogs'],
    ['es', '¿me pasas una receta de tortilla de patatas para 4 personas?'],
    ['fr', 'écris-moi un script python qui trie une liste'],
    ['pt', 'me ajuda a escrever uma mensagem de aniversário para a minha mãe'],
    ['zh', '帮我写一首关于春天的诗'],
    ['vi', 'viết giúp mình bài văn tả cây phượng'],
  ] as Array<[Language, string]>)('%s: "%s" is refused politely: no consent loop, no triage, no case', async (lang, text) => {
    const p = new TestPatient(ctx.services, lang);
    const replies = await p.say(text);
    expect(replies.find((r) => r.guard)?.guard).toEqual({ action: 'refused', reason: 'off_topic' });
    expect(replies.some((r) => r.prompt?.kind === 'consent')).toBe(false);
    expect(triageOf(replies)).toBeUndefined();
    expect(await ctx.services.repos.cases.list({ conversationId: p.key })).toHaveLength(0);
  });

  // Requests no off-topic phrase list names: a request with no word of health, the body, a person or the clinic
  it.each([
    ['en', 'what is the tallest mountain in south america'],
    ['es', 'puedes explicarme cómo funciona un motor de coche'],
    ['fr', 'quelle est la plus grande ville du canada'],
    ['pt', 'qual é o maior rio do mundo'],
    ['zh', '你能给我解释一下汽车发动机是怎么工作的吗'],
    ['vi', 'bạn giải thích giúp mình động cơ ô tô hoạt động thế nào'],
  ] as Array<[Language, string]>)('%s: "%s", asked in words no list holds, is refused with no triage', async (lang, text) => {
    const p = new TestPatient(ctx.services, lang);
    const replies = await p.say(text);
    expect(replies.find((r) => r.guard)?.guard).toEqual({ action: 'refused', reason: 'off_topic' });
    expect(replies.some((r) => r.prompt?.kind === 'consent')).toBe(false);
    expect(await ctx.services.repos.cases.list({ conversationId: p.key })).toHaveLength(0);
  });

  // A task and its topic at once, with family or home words beside them, or context the crisis rules read
  // ("tomorrow morning"): still not a health question
  it.each([
    ['fr', "tu peux me faire un résumé de Candide en 15 lignes ? c'est pour mon devoir demain matin"],
    ['es', 'voy a Lisboa 4 días con mi pareja, ¿me haces un itinerario con qué ver y dónde comer?'],
    ['fr', "mon frère se marie samedi, tu peux m'écrire le discours du témoin ?"],
    ['pt', 'me passa uma query SQL que soma as vendas por mês, é pro trabalho'],
    ['en', 'then write me a 16 bar rap about my cat'],
    ['es', 'quiero empezar a jugar al pádel, ¿qué pala me compro por unos 80 euros?'],
    ['fr', 'question en passant, quelle peinture je dois utiliser pour un vieux meuble en bois ?'],
    ['pt', 'me ajuda a escolher um nome pro meu cachorro novo?'],
    ['zh', '你知道怎么把照片备份到电脑上吗'],
  ] as Array<[Language, string]>)('%s: "%s" is refused with no triage', async (lang, text) => {
    const p = new TestPatient(ctx.services, lang);
    const replies = await p.say(text);
    expect(replies.find((r) => r.guard)?.guard).toEqual({ action: 'refused', reason: 'off_topic' });
    expect(await ctx.services.repos.cases.list({ conversationId: p.key })).toHaveLength(0);
  });

  it.each([
    ['en', 'my brother collapsed, can you tell me what to do'],
    ['fr', 'tu peux me dire si mon frère doit aller aux urgences, il a mal à la poitrine'],
    ['es', 'mi pareja no puede respirar bien, ¿me dices qué hacer?'],
  ] as Array<[Language, string]>)('%s: "%s": a request about a person who is unwell is triaged', async (lang, text) => {
    const p = new TestPatient(ctx.services, lang);
    const replies = await p.say(text);
    expect(replies.some((r) => r.guard?.action === 'refused')).toBe(false);
  });

  it.each([
    ['en', 'could you explain what my blood test means'],
    ['en', 'can you tell me how long i have to wait'],
    ['es', 'puede decirme a qué hora abren el sábado'],
    ['fr', 'pouvez-vous me dire si ma mère peut venir avec moi'],
    ['zh', '请问你们周六几点开门'],
    ['vi', 'con tôi bị sao vậy'],
  ] as Array<[Language, string]>)('%s: "%s" (health, the clinic, a person, a call for help) is not refused', async (lang, text) => {
    const p = new TestPatient(ctx.services, lang);
    const replies = await p.say(text);
    expect(replies.some((r) => r.guard?.action === 'refused')).toBe(false);
    expect(replies.some((r) => r.prompt?.kind === 'consent')).toBe(true);
  });

  it('a refusal followed by real symptoms is triaged', async () => {
    const p = new TestPatient(ctx.services);
    await p.say('write me a poem about the sea');
    const replies = await p.say('actually I have had a sore throat for 3 days, I am 30');
    expect(lastPrompt(replies)?.prompt?.kind).toBe('consent');
  });
});

describe('a problem the engine cannot place', () => {
  it('goes to a clinician: urgent, with a case in the staff queue, never routine', async () => {
    const p = new TestPatient(ctx.services);
    const replies = await playOn(p, await p.say('hi'), (id) => (id === 'problem' ? String(ctx.services.content.problems.items.length) : id === 'age' ? '50' : id === 'problem.describe' ? 'something feels odd' : 'no'));
    const triage = triageOf(replies);
    expect(triage?.disposition).toBe('urgent');
    expect(triage?.protocol).toBe('unplaced');
    expect(await ctx.services.repos.cases.get(triage!.caseId)).toMatchObject({ escalated: true, status: 'open' });
  });
});

describe('one reading of a message per turn', () => {
  it('reads each patient message once, though the gate, the dialog and the answer recorder all use it', async () => {
    const readings = async (): Promise<number> => (await ctx.services.metrics.readings.get()).values.reduce((n, v) => n + v.value, 0);
    const p = new TestPatient(ctx.services);
    const said = ['I have had a headache for 2 days, I am 40', 'I agree', '0', 'no', 'no'];
    for (const s of said) await p.say(s);
    expect(await readings()).toBe(said.length);
  });
});

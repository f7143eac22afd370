// Output guards on their own: each refusal reason, the "already in the source" allowance, and the language check.
import { checkModelOutput, leaksPrompt, type OutputCheckInput } from '../../src/llm/guards/output';
import { speaksLanguage } from '../../src/llm/guards/language';
import { loadPrompt } from '../../src/llm/prompts';
import type { Language } from '../../src/triage/types';

const SOURCE = 'Call 911 now. Do not drive yourself. The clinic number is +1 555 0100.';
const base: OutputCheckInput = {
  output: '',
  lang: 'en',
  source: SOURCE,
  systemPrompt: loadPrompt('phrasing', 'en').systemText,
  disposition: 'emergency',
  mustKeep: ['911'],
  emergencyNumber: '911',
  numbers: 'keep',
};
const guards = (output: string, over: Partial<OutputCheckInput> = {}): string[] => checkModelOutput({ ...base, ...over, output }).map((f) => f.guard);

test('a faithful, warmer rewrite passes', () => {
  expect(guards('Please call 911 right now. Please do not drive yourself. The clinic number is +1 555 0100.')).toEqual([]);
});

test.each([
  ['empty', '   ', 'output_empty'],
  ['markup', '```json\n{"text": "Call 911 now. Do not drive. +1 555 0100"}\n```', 'output_format'],
  ['diagnosis', 'Call 911 now, you are probably having a heart attack. Do not drive. +1 555 0100.', 'output_diagnosis'],
  ['drug', 'Call 911 now and chew an aspirin. Do not drive yourself. +1 555 0100.', 'output_drug'],
  ['dose', 'Call 911 now, take 500 mg while you wait. Do not drive yourself. +1 555 0100.', 'output_drug'],
  ['downgrade phrase', 'It is not urgent, but call 911 if you like. Do not drive yourself. +1 555 0100.', 'output_urgency'],
  ['lower disposition', 'Call 911 now or book a routine appointment next week. Do not drive. +1 555 0100.', 'output_urgency'],
  ['emergency number dropped', 'Call an ambulance now. Do not drive yourself. The clinic number is +1 555 0100.', 'output_emergency_number'],
  ['number dropped', 'Call 911 now. Do not drive yourself.', 'output_numbers'],
  ['prompt leak', 'Keep the meaning exactly: the same level of urgency, the same instructions, in the same order. Call 911. +1 555 0100', 'output_leak'],
  ['leak marker', 'My instructions say: call 911 now. Do not drive yourself. +1 555 0100.', 'output_leak'],
  ['other language', 'Llame al 911 ahora mismo. No conduzca usted. El número de la clínica es +1 555 0100.', 'output_language'],
  ['wrong script', '请立即拨打 911。不要自己开车。诊所电话 +1 555 0100。', 'output_language'],
])('%s is refused', (_label, output, guard) => {
  expect(guards(output)).toContain(guard);
});

test('an invented placeholder is refused', () => {
  expect(guards('Call 911 now. Do not drive. +1 555 0100', { unknownPlaceholders: ['[NAME_3]'] })).toContain('output_format');
});

test('phrases the deterministic source already contains are allowed', () => {
  const source = 'This does not look urgent. Self-care at home: rest and drink water. Call 911 if it gets worse.';
  expect(guards('This does not look urgent. Self-care at home: rest, drink plenty of water, and call 911 if it gets worse.', { source, disposition: 'self_care', mustKeep: [] })).toEqual([]);
});

test('grounded numbers: the FAQ answer may not invent hours', () => {
  const source = 'We are open Monday to Friday 8:00-18:00.';
  expect(guards('We open at 8:00 and close at 18:00 on weekdays.', { source, numbers: 'grounded', disposition: undefined, mustKeep: [] })).toEqual([]);
  expect(guards('We open at 7:00 and close at 18:00 on weekdays.', { source, numbers: 'grounded', disposition: undefined, mustKeep: [] })).toContain('output_numbers');
});

describe('language check', () => {
  const samples: Array<[Language, string]> = [
    ['en', 'Please call 911 now. Do not drive yourself to the clinic.'],
    ['es', 'Llame al 911 ahora. No conduzca usted mismo hasta la clínica.'],
    ['fr', 'Appelez le 911 maintenant. Ne conduisez pas vous-même jusqu’à la clinique.'],
    ['pt', 'Ligue para o 911 agora. Não dirija você mesmo até a clínica.'],
    ['zh', '请立即拨打 911。不要自己开车去诊所。'],
    ['vi', 'Hãy gọi 911 ngay. Đừng tự lái xe đến phòng khám.'],
  ];
  test.each(samples)('%s text is recognised as its own language and not as the others', (lang, text) => {
    expect(speaksLanguage(text, lang)).toBe(true);
    for (const [other] of samples) if (other !== lang) expect(speaksLanguage(text, other)).toBe(false);
  });
  test('placeholders and must-keep strings are language-neutral', () => {
    expect(speaksLanguage('[NAME_1], 911', 'zh', ['911'])).toBe(false);
    expect(speaksLanguage('[NAME_1]，请拨打 Mill Lane 911', 'zh', ['Mill Lane'])).toBe(true);
  });
});

test('leaksPrompt finds seven words of the system prompt, in Chinese too', () => {
  expect(leaksPrompt('You rewrite a message that a clinic’s automated assistant sends', loadPrompt('phrasing', 'en').systemText)).toBe(true);
  expect(leaksPrompt('你改写诊所自动助手发给患者的一条消息', loadPrompt('phrasing', 'zh').systemText)).toBe(true);
  expect(leaksPrompt('Please call 911 now.', loadPrompt('phrasing', 'en').systemText)).toBe(false);
});

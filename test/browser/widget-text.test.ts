// The widget's reading of bot text, as tables (no browser needed; it sits with the widget's browser
// tests it serves): which runs are phone numbers or web addresses, and what an outcome card leaves
// out so it says each thing once. The browser tests show the same in the real panel.
import { sayOnce } from '../../public/widget/src/card-text';
import { findLinks } from '../../public/widget/src/linkify';

const links = (text: string): string[] => findLinks(text).filter((p) => p.kind !== 'text').map((p) => `${p.kind} ${p.text}`);

describe('phone numbers and web addresses in bot text', () => {
  it.each([
    ['Call 911 now.', ['tel 911']],
    ['You can call the clinic on +1 555 0100 instead. If this is an emergency, call 911 now.', ['tel +1 555 0100', 'tel 911']],
    ['call or text the crisis line 988 now', ['tel 988']],
    ['Call 1-800-273-8255 or (555) 123-4567.', ['tel 1-800-273-8255', 'tel (555) 123-4567']],
    ['请立即拨打911。', ['tel 911']],
    ['Hãy gọi 911 ngay.', ['tel 911']],
    ['116 117', ['tel 116 117']],
    ['Add it to your calendar: https://clinic.example/appointments/abc.ics.', ['url https://clinic.example/appointments/abc.ics']],
    ['(see https://example.org/a_(b))', ['url https://example.org/a_(b)']],
    ['http://127.0.0.1:3000/x.ics?t=1 then call +1 555 0100', ['url http://127.0.0.1:3000/x.ics?t=1', 'tel +1 555 0100']],
  ])('%s', (text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  it.each([
    'Your appointment: 2026-12-05 at 10:30.',
    'ISO 2026-12-05T10:00:00Z',
    '05-12-2026, 12/05/2026, 05.12.2026',
    'December 5, 2026; Dec 5 2026; Tue 8 Dec 2026 10:00',
    '2026年12月5日 下午3点',
    'We are open Monday to Friday 8:00-18:00 (Friday until 17:00) and Saturday 9:00-12:00.',
    'Nous sommes ouverts de 8h à 18h.',
    'On a scale of 0-10, how bad is the pain? (0 to 10)',
    'Your reference is ABC-234.',
    'For example 38.5 °C or 101 °F.',
    '体温101度',
    'Take 500 mg, 250 ml, 100%',
    'years 2025-2026',
    'ftp://example.org/file and javascript:alert(1)',
  ])('leaves %s as text', (text) => {
    expect(links(text)).toEqual([]);
  });

  it('keeps the emergency number as text where the card has its call button', () => {
    expect(findLinks('call 911 again, or the clinic on +1 555 0100', ['911']).filter((p) => p.kind === 'tel').map((p) => p.text)).toEqual(['+1 555 0100']);
  });
});

describe('an outcome card says each thing once', () => {
  const EMERGENCY_EN = [
    'This could be an emergency.',
    'Why:\n• Chest pain with warning signs of a heart attack (“crushing chest pain”)',
    'Call 911 now. Sit down and rest while you wait. Do not drive yourself.',
    'Call 911 now. Do not drive yourself. Our staff have been alerted.',
    'If you are alone, unlock the door and stay where someone can find you. If things get worse while you wait, call 911 again.',
  ].join('\n\n');

  it('leaves out the "call now" sentence the call button says, and a sentence already said', () => {
    expect(sayOnce(EMERGENCY_EN, '911')).toBe(
      [
        'This could be an emergency.',
        'Why:\n• Chest pain with warning signs of a heart attack (“crushing chest pain”)',
        'Sit down and rest while you wait. Do not drive yourself.',
        'Our staff have been alerted.',
        'If you are alone, unlock the door and stay where someone can find you. If things get worse while you wait, call 911 again.',
      ].join('\n\n'),
    );
  });

  it.each([
    ['es', 'Llame ahora al 911. No conduzca.', 'No conduzca.'],
    ['fr', 'Appelez le 911 maintenant. Ne conduisez pas vous-même.', 'Ne conduisez pas vous-même.'],
    ['pt', 'Ligue agora para o 911. Não conduza.', 'Não conduza.'],
    ['vi', 'Hãy gọi 911 ngay. Đừng tự lái xe.', 'Đừng tự lái xe.'],
    ['zh', '请立即拨打911。不要自己开车。', '不要自己开车。'],
  ])('finds the call sentence in %s', (_lang, text, expected) => {
    expect(sayOnce(text, '911')).toBe(expected);
  });

  it('keeps a sentence that says more than "call" (a condition, another place to go)', () => {
    const text = 'Llame ahora al 911 o vaya a urgencias. Si empeora, vuelva a llamar al 911.';
    expect(sayOnce(text, '911')).toBe(text);
  });

  it('keeps everything when there is no call button', () => {
    expect(sayOnce('Call 911 now. Rest.', undefined)).toBe('Call 911 now. Rest.');
  });
});

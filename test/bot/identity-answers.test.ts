// Dates of birth and phone numbers as patients write them, in each language.
import { isSkip, readDateOfBirth, readPhone } from '../../src/bot/identity-answers';
import { createI18n } from '../../src/i18n';
import type { Language } from '../../src/triage/types';

const NOW = new Date('2026-12-05T12:00:00Z');

describe('reading a date of birth', () => {
  it.each<[Language, string, string | undefined]>([
    ['en', '03/14/1985', '1985-03-14'],
    ['en', '3/4/85', '1985-03-04'],
    ['en', 'March 14, 1985', '1985-03-14'],
    ['en', '1985-03-14', '1985-03-14'],
    ['es', '14/03/1985', '1985-03-14'],
    ['es', '4/3/1985', '1985-03-04'],
    ['es', '14 de marzo de 1985', '1985-03-14'],
    ['fr', '14 mars 1985', '1985-03-14'],
    ['pt', '14/03/85', '1985-03-14'],
    ['zh', '1985年3月14日', '1985-03-14'],
    ['vi', 'ngày 14 tháng 3 năm 1985', '1985-03-14'],
    ['vi', '14/3/1985', '1985-03-14'],
    // the day is over 12: the order is plain whatever the language
    ['en', '14/03/1985', '1985-03-14'],
    ['en', 'March 14', undefined],
    ['en', 'long ago', undefined],
    ['en', '03/14/2030', undefined],
    ['en', '02/30/1985', undefined],
    ['en', '01/01/1880', undefined],
  ])('%s "%s" → %s', (lang, text, expected) => {
    expect(readDateOfBirth(text, lang, NOW)).toBe(expected);
  });
});

describe('reading a phone number', () => {
  it.each<[string, string | undefined]>([
    ['(555) 010-2030', '(555) 010-2030'],
    ['+34 600 111 222', '+34 600 111 222'],
    ['0912.345.678', '0912.345.678'],
    ['12345', undefined],
    ['call me maybe', undefined],
    ['5550102030 ext 4', undefined],
  ])('"%s" → %s', (text, expected) => {
    expect(readPhone(text)).toBe(expected);
  });
});

describe('skipping', () => {
  const i18n = createI18n();
  it.each<[Language, string, boolean]>([
    ['en', 'skip', true],
    ['en', "no thanks", true],
    ['es', 'omitir', true],
    ['fr', 'passer', true],
    ['pt', 'saltar', true],
    ['zh', '跳过', true],
    ['vi', 'bỏ qua', true],
    ['en', 'Jane Doe', false],
  ])('%s "%s" → %s', (lang, text, expected) => {
    expect(isSkip(i18n, text, lang)).toBe(expected);
  });
});

// Which language a message is in, when nothing else says so (SMS carries no locale): short first
// messages, where franc's statistics alone picked French for English or Portuguese for Spanish.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage, languageCues, resolveLanguage } from '../../src/bot/language';
import { createI18n } from '../../src/i18n';
import { LANGUAGES } from '../../src/triage/types';
import { smsApp, texts } from '../sms/sms-helpers';

const cues = languageCues(createI18n());

describe('detectLanguage', () => {
  it.each([
    ['Hello, I need some advice please', 'en'],
    ['hi i need to see someone about my son', 'en'],
    ['Hola, necesito ayuda por favor', 'es'],
    ['Mi hijo tiene fiebre desde ayer', 'es'],
    ['Olá, preciso de ajuda por favor', 'pt'],
    ['Meu filho está com febre desde ontem', 'pt'],
    ["Bonjour, j'ai besoin d'aide", 'fr'],
    ['Mon fils a de la fièvre depuis hier', 'fr'],
    ['toi bi dau bung tu hom qua', 'vi'],
    ['Tôi bị đau bụng', 'vi'],
    ['我头疼', 'zh'],
    ['Mis hijos son alergicos a la penicilina', 'es'],
    ['Los dolores son muy fuertes', 'es'],
    ["J'ai mal à la tête depuis hier", 'fr'],
    ['Meu avô está com febre', 'pt'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text, cues)).toBe(lang);
  });

  it('does not guess from a bare yes, ok or number', () => {
    for (const text of ['yes', 'ok', 'no', '2', 'I']) expect(detectLanguage(text, cues)).toBeUndefined();
  });

  it('does not take a word other languages share for a sign of one ("si", "son", "toi", "les")', () => {
    for (const text of ['Sí', 'si por favor', 'toi', 'les enfants']) expect(['vi', 'en']).not.toContain(detectLanguage(text, cues));
  });

  it('needs two words of another language to switch a conversation that has one', () => {
    expect(detectLanguage('hi', cues, true)).toBeUndefined();
    expect(resolveLanguage({ text: 'hi', cues, conversation: 'es', clinicDefault: 'en', supported: LANGUAGES })).toBe('es');
    expect(resolveLanguage({ text: 'tengo dolor de cabeza', cues, conversation: 'en', clinicDefault: 'en', supported: LANGUAGES })).toBe('es');
    // The page's or client's locale still comes first.
    expect(resolveLanguage({ locale: 'fr-FR', text: 'tengo dolor de cabeza', cues, conversation: 'en', clinicDefault: 'en', supported: LANGUAGES })).toBe('fr');
  });

  it('keeps each cue word in one language only', () => {
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const lang of LANGUAGES) {
      const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, 'language.json'), 'utf8')) as { cues: string };
      for (const word of file.cues.split(/\s+/)) {
        if (owner.has(word) && owner.get(word) !== lang) shared.push(`${word} (${owner.get(word)}, ${lang})`);
        owner.set(word, lang);
      }
    }
    expect(shared).toEqual([]);
    expect(owner.size).toBeGreaterThan(100);
  });
});

describe('SMS: the first text sets the conversation language', () => {
  it.each([
    ['Hello, I need some advice please', 'en'],
    ['Hola, necesito ayuda por favor', 'es'],
    ['Olá, preciso de ajuda por favor', 'pt'],
  ])('%s → %s', async (text, lang) => {
    const ctx = smsApp();
    const phone = '+15557650000';
    await texts(ctx.app, phone, text);
    const conversation = await ctx.services.repos.conversations.findByUserHash(ctx.services.cipher.lookupHash(phone), 'sms');
    expect(conversation?.language).toBe(lang);
  });
});

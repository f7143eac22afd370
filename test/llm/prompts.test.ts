// Every prompt exists in every language with the same variables, and the guard lexicons load and compile.
import { existsSync, mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLexicon, readLexiconFile } from '../../src/llm/guards/lexicon';
import { loadPrompt, loadPrompts, PROMPT_NAMES, promptsDir } from '../../src/llm/prompts';
import { LANGUAGES, type Language } from '../../src/triage/types';

describe('prompt templates', () => {
  test.each(PROMPT_NAMES)('%s exists in all six languages with the same input variables', (name) => {
    const en = loadPrompt(name, 'en');
    for (const lang of LANGUAGES) {
      expect(existsSync(join(promptsDir(), lang, `${name}.yaml`))).toBe(true);
      const p = loadPrompt(name, lang);
      expect(p.inputVariables).toEqual(en.inputVariables);
      expect(p.template.inputVariables.sort()).toEqual(en.inputVariables);
      expect(p.version).toBeGreaterThanOrEqual(1);
      expect(p.systemText.length).toBeGreaterThan(50);
    }
  });

  test('no language has a prompt the others lack', () => {
    const names = (lang: Language): string[] => readdirSync(join(promptsDir(), lang)).sort();
    for (const lang of LANGUAGES) expect(names(lang)).toEqual(PROMPT_NAMES.map((n) => `${n}.yaml`).sort());
  });

  test.each(LANGUAGES)('%s templates format into a system and a human message', async (lang) => {
    const lib = loadPrompts();
    const values: Record<string, string> = { allowed_findings: 'fever', known_findings: '-', text: 'T', disposition: 'urgent', must_keep: '"911"', transcript: 'Patient: hi', reasons: '-', findings: '-', faq: '- open', question: 'Q' };
    for (const name of PROMPT_NAMES) {
      const messages = await lib.get(name, lang).template.formatMessages(values);
      expect(messages.map((m) => m.getType())).toEqual(['system', 'human']);
      expect(messages[0]?.text).not.toMatch(/[{}]/);
    }
  });

  test('a translation whose messages do not use the declared variables is refused at load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en', 'faq.yaml'), 'name: faq\nversion: 1\ninput_variables: [faq, question]\nmessages:\n  - role: system\n    template: "only {faq}"\n  - role: human\n    template: "hello"\n');
    expect(() => loadPrompt('faq', 'en', dir)).toThrow(/input_variables/);
  });
});

describe('guard lexicons', () => {
  test.each(LANGUAGES)('%s lexicon validates and every pattern compiles', (lang) => {
    const file = readLexiconFile(lang);
    expect(file.output.sbar).toHaveLength(4);
    for (const list of [file.input.injection, file.input.unsafe_request, file.input.off_topic, file.output.drug, file.output.diagnosis]) expect(list.length).toBeGreaterThan(0);
  });

  test('the union lexicon compiles', () => {
    const lex = buildLexicon(Object.fromEntries(LANGUAGES.map((l) => [l, readLexiconFile(l)])) as Record<Language, ReturnType<typeof readLexiconFile>>);
    expect(lex.input.injection.length).toBeGreaterThan(30);
    expect(lex.sbar.en).toEqual(['Situation', 'Background', 'Assessment', 'Recommendation']);
  });
});

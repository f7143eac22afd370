// Versioned prompt templates (prompts/<lang>/<name>.yaml) loaded as LangChain ChatPromptTemplates. A file that
// declares variables its messages do not use (or the reverse) is refused at load, so a translation cannot
// silently drop the patient's text or the list of allowed findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../config/paths';
import { LANGUAGES, type Language } from '../triage/types';

export const PROMPT_NAMES = ['extraction', 'phrasing', 'handover', 'faq'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

const PromptFileSchema = z.object({
  name: z.enum(PROMPT_NAMES),
  version: z.number().int().positive(),
  input_variables: z.array(z.string().regex(/^[a-z_]+$/)).min(1),
  messages: z.array(z.object({ role: z.enum(['system', 'human', 'ai']), template: z.string().min(1) })).min(2),
});

export interface LoadedPrompt {
  name: PromptName;
  lang: Language;
  version: number;
  inputVariables: string[];
  template: ChatPromptTemplate;
  /** The system messages with their variables removed: what the leak guard must never see in an answer. */
  systemText: string;
}

export interface PromptLibrary {
  get(name: PromptName, lang: Language): LoadedPrompt;
}

export function promptsDir(): string {
  return join(projectRoot(), 'prompts');
}

export function loadPrompt(name: PromptName, lang: Language, dir = promptsDir()): LoadedPrompt {
  const file = join(dir, lang, `${name}.yaml`);
  const parsed = PromptFileSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} is invalid:\n  - ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  - ')}`);
  }
  const p = parsed.data;
  if (p.name !== name) throw new Error(`${file}: name is ${p.name}, expected ${name}`);
  const template = ChatPromptTemplate.fromMessages(p.messages.map((m) => [m.role, m.template] as [string, string]));
  const declared = [...p.input_variables].sort();
  const used = [...template.inputVariables].sort();
  if (declared.join(',') !== used.join(',')) {
    throw new Error(`${file}: input_variables [${declared.join(', ')}] but the messages use [${used.join(', ')}]`);
  }
  const systemText = p.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.template.replace(/\{[a-z_]+\}/g, ' '))
    .join('\n');
  return { name, lang, version: p.version, inputVariables: declared, template, systemText };
}

/** Loads and checks all 24 templates at once, so a broken translation fails at start, not on a patient's turn. */
export function loadPrompts(dir = promptsDir()): PromptLibrary {
  const all = new Map<string, LoadedPrompt>();
  for (const name of PROMPT_NAMES) {
    for (const lang of LANGUAGES) all.set(`${name}/${lang}`, loadPrompt(name, lang, dir));
  }
  return {
    get(name, lang) {
      const p = all.get(`${name}/${lang}`);
      if (!p) throw new Error(`no prompt ${name} for ${lang}`);
      return p;
    },
  };
}

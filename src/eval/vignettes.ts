// The vignette format of ../shared/eval/README.md, validated so a malformed line is reported, not guessed.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DISPOSITIONS, LANGUAGES } from '../triage/types';

export const GOLDS = [...DISPOSITIONS, 'none'] as const;
export type Gold = (typeof GOLDS)[number];

export const VignetteSchema = z.object({
  id: z.string(),
  lang: z.enum(LANGUAGES),
  gold: z.enum(GOLDS),
  topic: z.string().default(''),
  messages: z.array(z.string()).min(1),
  answers: z.array(z.object({ ask: z.array(z.string()), say: z.string() })).default([]),
  default: z.string(),
  why: z.string().optional(),
});
export type Vignette = z.infer<typeof VignetteSchema>;

export function readVignettes(file: string): Vignette[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = VignetteSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

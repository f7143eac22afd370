// What the widget's browser tests share: the real app behind a real HTTP server (the demo page in
// English, and the same page in Spanish), a patient's steps in the panel, the widget's own words
// per language (from the widget's tables, not copied strings), what the page posted, and
// screenshots into SCREENSHOT_DIR when it is set.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Locator, Page } from 'playwright-core';
import { translator, type Translate } from '../../public/widget/src/i18n';
import { listen, runAxe, type Listening } from '../helpers/browser';
import { buildTestApp, type TestContext } from '../helpers/test-services';

export interface Prompt {
  kind: string;
  id: string;
}

export const ROOT = join(__dirname, '..', '..');
export const CLINIC = 'Riverside Family Clinic';

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export type Lang = 'en' | 'es';

/** Every test runs at both sizes, in both languages. */
export const MATRIX: Array<[ViewportName, Lang]> = [
  ['phone', 'en'],
  ['phone', 'es'],
  ['desktop', 'en'],
  ['desktop', 'es'],
];

/** What a patient says in each language to reach the triage questions. */
export const SAYS: Record<Lang, { rash: string; chestPain: string; age: string; no: string }> = {
  en: { rash: 'I have an itchy rash on my arm', chestPain: "I have crushing chest pain spreading to my left arm and I'm sweating", age: '30', no: 'no' },
  es: { rash: 'Tengo un sarpullido que pica en el brazo', chestPain: 'Tengo un dolor opresivo en el pecho que se extiende al brazo izquierdo y estoy sudando', age: '30', no: 'no' },
};

export const t = (lang: string): Translate => translator(lang);

export interface WidgetServer {
  ctx: TestContext;
  server: Listening;
  /** The page embedding the widget in a language (the page's lang is the widget's first guess). */
  url(lang: Lang): string;
}

/** `now`: a fixed clock for the service (appointment slots depend on the day and the opening hours). */
export async function startWidgetServer(options: { now?: () => Date } = {}): Promise<WidgetServer> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-widget.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const ctx = buildTestApp({ now: options.now });
  const demo = readFileSync(join(ROOT, 'public', 'demo', 'index.html'), 'utf8');
  const outer = express();
  // The clinic's page in Spanish: the same page with lang="es", as a Spanish-language site embeds the widget.
  outer.get('/es.html', (_req, res) => {
    res.type('html').send(demo.replace('<html lang="en">', '<html lang="es">'));
  });
  outer.use(ctx.app);
  const server = await listen(outer);
  return { ctx, server, url: (lang) => (lang === 'es' ? `${server.url}/es.html` : `${server.url}/`) };
}

export function panelOf(page: Page): Locator {
  return page.getByRole('dialog', { name: CLINIC });
}

export async function openWidget(page: Page, url: string, lang: Lang): Promise<Locator> {
  await page.goto(url);
  await page.getByRole('button', { name: t(lang)('open', { clinic: CLINIC }) }).click();
  const panel = panelOf(page);
  await panel.waitFor();
  await choices(panel, lang).waitFor(); // the consent question's buttons
  return panel;
}

export function choices(panel: Locator, lang: string): Locator {
  return panel.getByRole('group', { name: t(lang)('choices') });
}

/** Clicks the agreeing consent answer (CONTRACTS: the first suggested action) and waits for the answer. */
export async function consent(panel: Locator, lang: Lang): Promise<void> {
  const botCount = await panel.locator('.msg.bot').count();
  await choices(panel, lang).getByRole('button').first().click();
  await panel.locator('.msg.bot').nth(botCount).waitFor();
}

/** Types a message and waits until the bot has answered it with at least one more message or card. */
export async function say(panel: Locator, lang: string, text: string): Promise<void> {
  const before = await panel.locator('.msg.bot, .card').count();
  const input = panel.getByRole('textbox', { name: t(lang)('inputLabel') });
  await input.fill(text);
  await input.press('Enter');
  await panel.locator('.msg.bot, .card').nth(before).waitFor({ timeout: 15_000 });
}

export function userBubbles(panel: Locator): Promise<string[]> {
  // The bubble's text without its screen-reader prefix ("You: ") and delivery note.
  return panel.locator('.msg.user').evaluateAll((els) => els.map((el) => Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')));
}

export async function storedConversationId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('clinic-chat:'));
    return key ? (JSON.parse(localStorage.getItem(key)!) as { session?: { conversationId: string } }).session?.conversationId : undefined;
  });
}

export interface Posted {
  type: string;
  name?: string;
  text?: string;
  value?: unknown;
  locale?: string;
}

/** Every activity the page posts to the service, in order. */
export function recordPosts(page: Page): Posted[] {
  const posted: Posted[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(req.url())) posted.push(req.postDataJSON() as Posted);
  });
  return posted;
}

/** axe-core's findings inside the widget (the host page is the clinic's, not ours). */
export async function widgetViolations(page: Page): Promise<string[]> {
  const violations = await runAxe(page);
  return violations
    .filter((v) => v.nodes.some((n) => JSON.stringify(n.target).includes('#clinic-chat-widget')))
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** A screenshot into SCREENSHOT_DIR, when set (a record of each step for review); nothing otherwise. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** The patient's web chat conversation key in the store. */
export const conversationKey = (conversationId: string): string => `webchat:${conversationId}`;

/** The question the bot asked last (channelData.prompt), read from the stored transcript. */
export async function lastPrompt(app: WidgetServer, page: Page): Promise<Prompt | undefined> {
  const stored = await app.ctx.services.repos.transcripts.since(conversationKey((await storedConversationId(page))!), 0);
  return stored.filter((a) => a.from.role === 'bot' && a.type === 'message').at(-1)?.channelData?.prompt as Prompt | undefined;
}

/** Buttons a well patient taps, by question: which one (the first or the last). */
const TAP: Record<string, 'first' | 'last'> = {
  screen: 'last', // none of these
  offer_booking: 'first', // yes, book me in
  identity_consent: 'last', // skip giving a name and date of birth
  'booking.confirm': 'first', // yes, that time
};

/**
 * Answers the triage questions as a well patient would (an age, "none of these" on the emergency
 * screen, yes to a booking, skipping the identity questions, no to the rest) until `done` says
 * stop, at most 12 answers.
 */
export async function answerUntil(app: WidgetServer, page: Page, panel: Locator, lang: Lang, done: (prompt: Prompt | undefined) => Promise<boolean> | boolean): Promise<Prompt | undefined> {
  for (let turn = 0; turn < 12; turn++) {
    const prompt = await lastPrompt(app, page);
    if (await done(prompt)) return prompt;
    if (!prompt) throw new Error('the bot asked nothing more');
    const tap = TAP[prompt.id];
    if (tap) {
      const before = await panel.locator('.msg.bot, .card').count();
      const buttons = choices(panel, lang).getByRole('button');
      await (tap === 'first' ? buttons.first() : buttons.last()).click();
      await panel.locator('.msg.bot, .card').nth(before).waitFor({ timeout: 15_000 });
    } else {
      await say(panel, lang, prompt.kind === 'number' ? SAYS[lang].age : SAYS[lang].no);
    }
  }
  throw new Error('no end after 12 answers');
}

// Issue #14 in a real Chromium against the real app, at phone and desktop size, in English and
// Spanish: phone numbers and web addresses in bot messages are links, the emergency card says each
// thing once with one call link, and the patient's summary is a card with a printable view.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithChromium, openBrowser, type BrowserSession } from '../helpers/browser';
import {
  CLINIC,
  MATRIX,
  ROOT,
  SAYS,
  VIEWPORTS,
  answerUntil,
  choices,
  consent,
  conversationKey,
  openWidget,
  say,
  shot,
  startWidgetServer,
  storedConversationId,
  t,
  widgetViolations,
  type Lang,
  type WidgetServer,
} from './widget-harness';

/** A bot text from the locale files, its {{placeholders}} filled. */
function botText(lang: Lang, file: 'bot' | 'booking', path: string, vars: Record<string, string> = {}): string {
  const table = JSON.parse(readFileSync(join(ROOT, 'locales', lang, `${file}.json`), 'utf8')) as Record<string, unknown>;
  const value = path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], table) as string;
  return value.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => vars[k] ?? '');
}

/** What a summary message carries (channelData.summary), in the patient's language. */
const SUMMARY: Record<Lang, { title: string; sections: Array<{ heading: string; items: string[] }>; lang: string }> = {
  en: {
    title: 'Your summary',
    sections: [
      { heading: 'What you told us', items: ['An itchy rash on the arm for two days', 'No fever'] },
      { heading: 'What to do', items: ['Use an unperfumed moisturiser', 'If it spreads or you get a fever, call +1 555 0100'] },
    ],
    lang: 'en',
  },
  es: {
    title: 'Su resumen',
    sections: [
      { heading: 'Lo que nos dijo', items: ['Sarpullido que pica en el brazo desde hace dos días', 'Sin fiebre'] },
      { heading: 'Qué hacer', items: ['Use una crema hidratante sin perfume', 'Si se extiende o tiene fiebre, llame al +1 555 0100'] },
    ],
    lang: 'es',
  },
};

describeWithChromium('web chat widget: links, the emergency card, the summary', () => {
  let app: WidgetServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    app = await startWidgetServer();
  }, 60_000);

  afterAll(async () => {
    await app?.server.close();
  });

  afterEach(async () => {
    await browser?.close();
  });

  /** A bot message delivered the way the service sends outside a turn (a reminder, a follow-up). */
  async function botSends(page: Page, text: string, channelData?: Record<string, unknown>): Promise<void> {
    const key = conversationKey((await storedConversationId(page))!);
    const conversation = (await app.ctx.services.repos.conversations.get(key))!;
    const result = await app.ctx.services.outbound.send(conversation, { text, from: 'bot', channelData });
    expect(result.delivered).toBe(true);
  }

  describe.each(MATRIX)('%s, %s', (size, lang) => {
    const name = (step: string): string => `${size}-${lang}-${step}`;
    let page: Page;

    beforeEach(async () => {
      browser = await openBrowser({ viewport: VIEWPORTS[size], locale: lang });
      page = browser.page;
    }, 30_000);

    it('turns phone numbers and web addresses in bot messages into links, and leaves dates, times and scores as text', async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      // Declining consent: the bot gives the clinic's phone and the emergency number.
      await choices(panel, lang).getByRole('button').nth(1).click();
      const declined = panel.locator('.msg.bot').filter({ hasText: '555' });
      await declined.waitFor();
      const hrefs = await declined.getByRole('link').evaluateAll((els) => els.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(['tel:+15550100', 'tel:911']);

      const ics = `${app.server.url}/calendar/ABC-234.ics`;
      await botSends(page, `${botText(lang, 'booking', 'icsLink', { url: ics })} 2026-12-05 10:30 (0-10), ABC-234, 38.5 °C / 101 °F.`);
      const calendar = panel.locator('.msg.bot').filter({ hasText: '.ics' });
      await calendar.waitFor();
      const link = calendar.getByRole('link');
      expect(await link.count()).toBe(1); // the address only: no date, time, score, code or temperature
      expect(await link.getAttribute('href')).toBe(ics);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect((await link.getAttribute('rel'))?.split(' ')).toContain('noopener');
      expect(await widgetViolations(page)).toEqual([]);
      await shot(page, name('links'));
    }, 90_000);

    it('shows the emergency card with one call link and no sentence twice', async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      await consent(panel, lang);
      await say(panel, lang, SAYS[lang].chestPain);
      const card = panel.locator('.card-emergency');
      await card.waitFor({ timeout: 15_000 });
      expect(await card.getByRole('heading').textContent()).toBe(t(lang)('emergency'));

      const links = card.getByRole('link');
      expect(await links.count()).toBe(1);
      expect(await links.getAttribute('href')).toBe('tel:911');
      expect(await links.textContent()).toBe(t(lang)('call', { number: '911' }));

      const text = (await card.locator('p').textContent())!;
      const callNow = botText(lang, 'bot', 'emergency.callNow', { emergencyNumber: '911' }).split(/(?<=\.)\s/)[0]!; // "Call 911 now."
      expect(text).not.toContain(callNow); // the call button says it
      const sentences = text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length > 3);
      expect(sentences.filter((s, i) => sentences.indexOf(s) !== i)).toEqual([]);
      expect(await widgetViolations(page)).toEqual([]);
      await card.scrollIntoViewIfNeeded();
      await shot(page, name('emergency-card'));
    }, 90_000);

    it('shows a summary as a card whose print view has its title, sections and date, alone on paper', async () => {
      const summary = SUMMARY[lang];
      const L = t(lang);
      const panel = await openWidget(page, app.url(lang), lang);
      await consent(panel, lang);
      await botSends(page, [summary.title, ...summary.sections.flatMap((s) => [s.heading, ...s.items])].join('\n'), { summary });

      const card = panel.locator('.card-summary');
      await card.waitFor();
      expect(await card.getAttribute('lang')).toBe(lang);
      expect(await card.getByRole('heading').allTextContents()).toEqual([summary.title, ...summary.sections.map((s) => s.heading)]);
      expect(await card.getByRole('listitem').allTextContents()).toEqual(summary.sections.flatMap((s) => s.items));
      expect(await card.getByRole('link').getAttribute('href')).toBe('tel:+15550100');
      await card.scrollIntoViewIfNeeded();
      await shot(page, name('summary-card'));

      const printButton = card.getByRole('button', { name: L('print') });
      await printButton.click();
      const view = page.getByRole('dialog', { name: summary.title });
      await view.waitFor();
      expect(page.url()).not.toContain(encodeURIComponent(summary.title)); // no patient text in any URL
      expect(await view.getAttribute('lang')).toBe(lang);
      expect(await view.getByRole('heading').allTextContents()).toEqual([summary.title, ...summary.sections.map((s) => s.heading)]);
      expect(await view.getByRole('listitem').allTextContents()).toEqual(summary.sections.flatMap((s) => s.items));
      const date = (await view.locator('.print-date').textContent())!;
      expect(date).toContain(L('date'));
      expect(date).toContain(String(new Date().getFullYear()));
      expect(await view.getByRole('button', { name: L('printNow') }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      expect(await widgetViolations(page)).toEqual([]);
      await shot(page, name('summary-print-view'));

      // On paper: only the summary, not the clinic's page, the chat or the view's buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('heading', { level: 1, name: summary.title }).isVisible()).toBe(true);
      expect(await page.locator('main h1').isVisible()).toBe(false);
      expect(await page.locator('.panel').isVisible()).toBe(false);
      expect(await view.getByRole('button', { name: L('printNow') }).isVisible()).toBe(false);
      await shot(page, name('summary-print-media'));
      const dir = process.env.SCREENSHOT_DIR;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        await page.pdf({ path: join(dir, `${name('summary')}.pdf`) });
      }
      await page.emulateMedia({ media: 'screen' });

      await view.getByRole('button', { name: L('backToChat') }).click();
      await view.waitFor({ state: 'detached' });
      expect(await printButton.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('main h1').isVisible()).toBe(true); // the clinic's page prints as before
      await page.emulateMedia({ media: 'screen' });
    }, 90_000);

    it("marks each bot message and card with its activity's language, for screen readers [needs the bot side: replies carry locale]", async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      await consent(panel, lang);
      await say(panel, lang, SAYS[lang].chestPain);
      await panel.locator('.card-emergency').waitFor({ timeout: 15_000 });
      const langs = await panel.locator('.msg.bot, .card').evaluateAll((els) => els.map((el) => el.getAttribute('lang')));
      expect(langs).toEqual(langs.map(() => lang));
    }, 90_000);

    it('gets a summary from the bot after an outcome [needs the bot side of #14]', async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      await consent(panel, lang);
      await say(panel, lang, SAYS[lang].rash);
      await answerUntil(app, page, panel, lang, async () => (await panel.locator('.card[data-disposition]').count()) > 0);
      const summary = panel.locator('.card-summary');
      await summary.waitFor({ timeout: 15_000 });
      expect(await summary.getAttribute('lang')).toBe(lang);
      await summary.scrollIntoViewIfNeeded();
      await shot(page, name('summary-from-bot'));

      // Its printable page names the clinic and the date once (the bot's title names both).
      await summary.getByRole('button', { name: t(lang)('print') }).click();
      const view = page.locator('.print-view');
      await view.waitFor();
      const printed = (await view.locator('article').textContent())!;
      expect(printed.split(CLINIC)).toHaveLength(2);
      expect(printed).toContain(String(new Date().getFullYear()));
      await shot(page, name('summary-from-bot-print-view'));
    }, 90_000);
  });
});

// Issue #14 in a real Chromium against the real app, at phone and desktop size, in English and
// Spanish: an answer that is not an age is asked again, "go back" returns to the last question, a
// question about medicines after the outcome gets the guarded answer, "talk to a person" says when
// and keeps later messages for staff, and after an emergency the patient may say who to call back.
import type { Locator, Page } from 'playwright-core';
import { describeWithChromium, openBrowser, type BrowserSession } from '../helpers/browser';
import { MATRIX, SAYS, VIEWPORTS, choices, consent, lastPrompt, openWidget, say, shot, startWidgetServer, storedConversationId, conversationKey, type Lang, type WidgetServer } from './widget-harness';

const DETAILS: Record<Lang, { person: string; anyone: string; back: string; medicines: string; name: string; dob: string; phone: string }> = {
  en: { person: 'talk to a person', anyone: 'hello? is anyone there?', back: 'go back', medicines: 'thanks, what should I take for it?', name: 'Jane Doe', dob: '03/14/1985', phone: '555 010 2030' },
  es: { person: 'quiero hablar con una persona', anyone: '¿hola? ¿hay alguien?', back: 'volver atrás', medicines: 'gracias, ¿qué puedo tomar?', name: 'Ana Pérez', dob: '14/03/1985', phone: '600 111 222' },
};

/** The text of the bot's last message or card, as the patient reads it. */
async function lastBotText(panel: Locator): Promise<string> {
  return panel.locator('.msg.bot, .card').last().innerText();
}

async function tap(panel: Locator, lang: Lang, which: 'first' | 'last' | number): Promise<void> {
  const before = await panel.locator('.msg.bot, .card').count();
  const buttons = choices(panel, lang).getByRole('button');
  await (which === 'first' ? buttons.first() : which === 'last' ? buttons.last() : buttons.nth(which)).click();
  await panel.locator('.msg.bot, .card').nth(before).waitFor({ timeout: 15_000 });
}

describeWithChromium('web chat widget: the conversation around the questions', () => {
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

  describe.each(MATRIX)('%s, %s', (size, lang) => {
    const name = (step: string): string => `${size}-${lang}-${step}`;
    const bot = (key: string, vars?: Record<string, unknown>): string => app.ctx.services.i18n.t(lang)(`bot:${key}`, vars);
    let page: Page;

    beforeEach(async () => {
      browser = await openBrowser({ viewport: VIEWPORTS[size], locale: lang });
      page = browser.page;
    }, 30_000);

    it('asks the age again when the answer is not one, goes back on request, and answers a medicines question after the outcome', async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      await consent(panel, lang);
      await say(panel, lang, SAYS[lang].rash);
      await say(panel, lang, SAYS[lang].no);
      expect(await lastBotText(panel)).toContain(bot('validation.age'));
      await shot(page, name('age-asked-again'));
      await say(panel, lang, SAYS[lang].age);
      await tap(panel, lang, 'last'); // the emergency screen: none of these
      const first = await lastPrompt(app, page);
      expect(first?.kind).toBe('yes_no');
      await tap(panel, lang, 1); // "No"
      await say(panel, lang, DETAILS[lang].back);
      expect(await lastBotText(panel)).toContain(bot('correction.back'));
      expect((await lastPrompt(app, page))?.id).toBe(first!.id);
      await shot(page, name('go-back'));

      // Answer "No" to the rest; decline a booking if one is offered; then ask about medicines.
      for (let i = 0; i < 10; i++) {
        const prompt = await lastPrompt(app, page);
        if (!prompt) break;
        if (prompt.id === 'offer_booking') await tap(panel, lang, 'last');
        else await tap(panel, lang, 1);
      }
      await panel.locator('.card').first().waitFor();
      await say(panel, lang, DETAILS[lang].medicines);
      expect(await lastBotText(panel)).toContain(bot('after.medicines', { clinicPhone: app.ctx.services.clinic.phone }).slice(0, 40));
      await shot(page, name('after-outcome-medicines'));
    }, 120_000);

    it('after "talk to a person" says when staff answer, and later messages go to the case', async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      await consent(panel, lang);
      await say(panel, lang, SAYS[lang].rash);
      await say(panel, lang, DETAILS[lang].person);
      expect(await lastBotText(panel)).toContain(bot('human.queued', { clinicPhone: app.ctx.services.clinic.phone, emergencyNumber: app.ctx.services.clinic.emergencyNumber }).slice(0, 40));
      await shot(page, name('person-queued'));
      await say(panel, lang, DETAILS[lang].anyone);
      expect(await lastBotText(panel)).toContain(bot('human.stillWaiting'));
      const key = conversationKey((await storedConversationId(page))!);
      const cases = await app.ctx.services.repos.cases.list({ conversationId: key });
      expect(cases).toHaveLength(1);
      expect(cases[0]!.updates?.map((u) => u.kind)).toContain('patient_message');
      await shot(page, name('person-waiting'));
    }, 90_000);

    it('after an emergency, asks who to call back and keeps it, encrypted, on the case', async () => {
      const panel = await openWidget(page, app.url(lang), lang);
      await say(panel, lang, SAYS[lang].chestPain);
      await panel.locator('.card-emergency').waitFor();
      expect((await lastPrompt(app, page))?.id).toBe('identity_consent');
      await tap(panel, lang, 'first');
      await say(panel, lang, DETAILS[lang].name);
      await say(panel, lang, DETAILS[lang].dob);
      await say(panel, lang, DETAILS[lang].phone);
      expect(await lastBotText(panel)).toContain(bot('identity.thanks'));
      await shot(page, name('call-back-details'));
      const key = conversationKey((await storedConversationId(page))!);
      const [doc] = await app.ctx.services.repos.cases.list({ conversationId: key });
      expect(doc!.disposition).toBe('emergency');
      expect(JSON.stringify(doc!.identity)).not.toContain(DETAILS[lang].name);
      expect(app.ctx.services.repos.cases.identity(doc!)).toEqual({ name: DETAILS[lang].name, dateOfBirth: '1985-03-14', phone: DETAILS[lang].phone });
    }, 90_000);
  });
});

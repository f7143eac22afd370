// Microsoft's own client, botframework-directlinejs (what Web Chat uses), in a real Chromium against
// the real app, as a clinic that embeds Web Chat instead of our widget would run it: the page lives
// on the clinic's website (another origin, allowed by WIDGET_ALLOWED_ORIGINS), fetches a token,
// and points DirectLine at this service with `domain` and `webSocket: false`.
import express from 'express';
import type { Page } from 'playwright-core';
import { describeWithChromium, listen, openBrowser, type BrowserSession, type Listening } from '../helpers/browser';
import { buildTestApp } from '../helpers/test-services';

const CHEST_PAIN = "I have crushing chest pain spreading to my left arm and I'm sweating";

interface SeenActivity {
  id?: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  channelData?: { prompt?: { kind: string }; triage?: { disposition: string; reasons: unknown[] } };
  suggestedActions?: { actions: Array<{ value: unknown }> };
}

/** The clinic's page: DirectLineJS from its bundle, and a little glue that records what it receives. */
function clinicSite(service: string): express.Express {
  const site = express();
  site.get('/directline.js', (_req, res) => res.sendFile(require.resolve('botframework-directlinejs/dist/directline.js')));
  site.get('/chat.js', (_req, res) => {
    res.type('js').send(`
      window.seen = [];
      window.statuses = [];
      window.startChat = async function () {
        const r = await fetch(${JSON.stringify(service)} + '/v3/directline/tokens/generate', { method: 'POST' });
        const { token } = await r.json();
        const dl = new DirectLine.DirectLine({ token, domain: ${JSON.stringify(`${service}/v3/directline`)}, webSocket: false, pollingInterval: 200 });
        dl.connectionStatus$.subscribe((s) => window.statuses.push(s));
        dl.activity$.subscribe((a) => window.seen.push(a));
        window.say = (text) => new Promise((resolve, reject) =>
          dl.postActivity({ type: 'message', from: { id: 'patient-1' }, text, locale: 'en-US' }).subscribe(resolve, reject));
        window.event = (name) => new Promise((resolve, reject) =>
          dl.postActivity({ type: 'event', name, from: { id: 'patient-1' }, locale: 'en-US' }).subscribe(resolve, reject));
      };`);
  });
  site.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><html lang="en"><head><title>Clinic</title><script src="/directline.js"></script><script src="/chat.js"></script></head><body><h1>Clinic</h1></body></html>');
  });
  return site;
}

async function waitForBot(page: Page, count: number, what: string): Promise<SeenActivity[]> {
  try {
    await page.waitForFunction((n) => (window as unknown as { seen: SeenActivity[] }).seen.filter((a) => a.from.role === 'bot' && a.type === 'message').length >= n, count, { timeout: 15_000 });
  } catch {
    throw new Error(`no ${what}: saw ${JSON.stringify(await seen(page))}`);
  }
  return (await seen(page)).filter((a) => a.from.role === 'bot' && a.type === 'message');
}

function seen(page: Page): Promise<SeenActivity[]> {
  return page.evaluate(() => (window as unknown as { seen: SeenActivity[] }).seen);
}

describeWithChromium('botframework-directlinejs against this service (Chromium)', () => {
  let service: Listening;
  let site: Listening;
  let browser: BrowserSession;

  beforeAll(async () => {
    // The site's origin is only known once it listens; the service is built to allow exactly it.
    const siteApp = express();
    site = await listen(siteApp);
    const ctx = buildTestApp({ env: { WIDGET_ALLOWED_ORIGINS: site.url } });
    service = await listen(ctx.app);
    siteApp.use(clinicSite(service.url));
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([service?.close(), site?.close()]);
  });

  it('connects, gets the disclosure and consent prompt, triages chest pain to emergency, and echoes its own messages', async () => {
    const { page } = browser;
    await page.goto(`${site.url}/`);
    await page.evaluate(() => (window as unknown as { startChat(): Promise<void> }).startChat());
    await page.evaluate(() => (window as unknown as { event(n: string): Promise<string> }).event('startConversation'));

    const opening = await waitForBot(page, 2, 'disclosure and consent prompt');
    const consent = opening.find((a) => a.channelData?.prompt?.kind === 'consent');
    expect(consent?.suggestedActions?.actions.length).toBeGreaterThan(0);
    // Online (2) once the first poll answered: the token, conversation and polling all work cross-origin.
    expect(await page.evaluate(() => (window as unknown as { statuses: number[] }).statuses)).toContain(2);

    // CONTRACTS: the first suggested action of the consent prompt is the agreeing one.
    const agree = String(consent!.suggestedActions!.actions[0]!.value);
    const postedId = await page.evaluate((t) => (window as unknown as { say(t: string): Promise<string> }).say(t), agree);
    expect(postedId).toEqual(expect.any(String));
    const afterConsent = await waitForBot(page, opening.length + 1, 'reply to consent');

    await page.evaluate((t) => (window as unknown as { say(t: string): Promise<string> }).say(t), CHEST_PAIN);
    await page.waitForFunction(
      () => (window as unknown as { seen: SeenActivity[] }).seen.some((a) => a.channelData?.triage?.disposition === 'emergency'),
      undefined,
      { timeout: 15_000 },
    );
    const all = await seen(page);
    const outcome = all.find((a) => a.channelData?.triage)!;
    expect(outcome.channelData!.triage!.reasons.length).toBeGreaterThan(0);
    expect(all.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '').join('\n')).toContain('911');
    // DirectLineJS shows the patient's own messages from the activity stream: each once, with the id the POST returned.
    const mine = all.filter((a) => a.from.role === 'user' && a.type === 'message');
    expect(mine.map((a) => a.text)).toEqual([agree, CHEST_PAIN]);
    expect(mine[0]!.id).toBe(postedId);
    expect(afterConsent.length).toBeGreaterThan(opening.length);
  }, 60_000);
});

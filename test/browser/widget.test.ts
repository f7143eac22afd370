// The widget in a real Chromium against the real app: a patient opens the demo page, consents,
// reports chest pain, sees the emergency card, reloads and finds the same conversation. Plus the
// accessibility check (axe-core), keyboard use, the retry state and right-to-left layout.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import express from 'express';
import type { Locator, Page } from 'playwright-core';
import { describeWithChromium, listen, openBrowser, runAxe, type BrowserSession, type Listening } from '../helpers/browser';
import { buildTestApp, type TestContext } from '../helpers/test-services';

const CHEST_PAIN = "I have crushing chest pain spreading to my left arm and I'm sweating";
const ROOT = join(__dirname, '..', '..');

function panelOf(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Riverside Family Clinic' });
}

async function openWidget(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Chat with Riverside Family Clinic' }).click();
  const panel = panelOf(page);
  await panel.waitFor();
  return panel;
}

async function consent(panel: Locator): Promise<void> {
  // CONTRACTS: for a consent prompt the first suggested action is the agreeing one.
  const botCount = await panel.locator('.msg.bot').count();
  await panel.getByRole('group', { name: 'Suggested answers' }).getByRole('button').first().click();
  await panel.locator('.msg.bot').nth(botCount).waitFor();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await runAxe(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

async function storedConversationId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('clinic-chat:'));
    return key ? (JSON.parse(localStorage.getItem(key)!) as { session?: { conversationId: string } }).session?.conversationId : undefined;
  });
}

describeWithChromium('web chat widget in Chromium', () => {
  let ctx: TestContext;
  let server: Listening;
  let browser: BrowserSession;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-widget.mjs')], { cwd: ROOT, stdio: 'pipe' });
    ctx = buildTestApp();
    // A second page stands in for a right-to-left website embedding the widget.
    const outer = express();
    outer.get('/rtl.html', (_req, res) => {
      res.type('html').send('<!doctype html><html lang="ar" dir="rtl"><head><title>عيادة</title></head><body><main><h1>عيادة</h1></main><script src="/widget.js" async data-clinic-name="Riverside Family Clinic"></script></body></html>');
    });
    outer.use(ctx.app);
    server = await listen(outer);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  beforeEach(async () => {
    browser = await openBrowser();
  }, 30_000);

  afterEach(async () => {
    await browser?.close();
  });

  it('consents, reports chest pain, sees the emergency card, and resumes the same conversation after a reload', async () => {
    const { page } = browser;
    const panel = await openWidget(page, `${server.url}/`);
    await consent(panel);
    const input = panel.getByRole('textbox', { name: 'Your message' });
    await input.fill(CHEST_PAIN);
    await input.press('Enter');

    const card = panel.locator('.card-emergency');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('role')).toBe('alert');
    expect(await card.getByRole('link').getAttribute('href')).toBe('tel:911');
    expect(await seriousViolations(page)).toEqual([]);

    const conversationId = await storedConversationId(page);
    expect(conversationId).toBeTruthy();
    const before = await panel.locator('.msg, .card').allTextContents();
    expect(before.some((t) => t.includes(CHEST_PAIN))).toBe(true);

    await page.reload();
    const again = panelOf(page);
    await again.locator('.card-emergency').waitFor({ timeout: 15_000 });
    expect(await storedConversationId(page)).toBe(conversationId);
    expect(await again.locator('.msg, .card').allTextContents()).toEqual(before);
    expect(await again.locator('.note').count()).toBe(0); // nothing left pending or resent
  }, 60_000);

  it('has no serious or critical axe violations with the widget open on a phone', async () => {
    const mobile = await openBrowser({ viewport: { width: 375, height: 740 } });
    try {
      const panel = await openWidget(mobile.page, `${server.url}/`);
      await panel.getByRole('group', { name: 'Suggested answers' }).waitFor();
      expect(await seriousViolations(mobile.page)).toEqual([]);
    } finally {
      await mobile.close();
    }
  }, 60_000);

  it('works from the keyboard: Enter opens with focus in the message box, Escape closes back to the launcher', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    const launcher = page.getByRole('button', { name: 'Chat with Riverside Family Clinic' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const focused = (): Promise<string | undefined> => page.evaluate(() => { const el = document.activeElement?.shadowRoot?.activeElement; return el ? el.id || el.className : undefined; });
    expect(await focused()).toBe('clinic-chat-input');
    await page.keyboard.press('Escape');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await focused()).toBe('launcher');
  }, 60_000);

  it('shows a retry state when the service is unreachable and never delivers a message twice', async () => {
    const { page } = browser;
    const panel = await openWidget(page, `${server.url}/`);
    await panel.getByRole('group', { name: 'Suggested answers' }).waitFor();
    let answerLost = false;
    let down = false;
    await page.route(
      (url) => url.pathname.startsWith('/v3/directline/'),
      async (route) => {
        if (!answerLost && route.request().method() === 'POST' && route.request().url().endsWith('/activities')) {
          answerLost = true;
          await route.fetch(); // the service processes the message...
          down = true;
          await route.abort('connectionreset'); // ...but the answer never reaches the browser, and the service stays unreachable
          return;
        }
        if (down) await route.abort('connectionrefused');
        else await route.continue();
      },
    );
    await panel.getByRole('group', { name: 'Suggested answers' }).getByRole('button').first().click();
    const offline = panel.getByText('Cannot reach the clinic', { exact: false });
    await offline.waitFor();
    expect(await panel.locator('.msg.user .note').count()).toBe(1); // shown as not yet delivered

    down = false;
    await panel.getByRole('button', { name: 'Try again now' }).click();
    await panel.locator('.msg.bot').nth(2).waitFor({ timeout: 15_000 });
    await offline.waitFor({ state: 'hidden' });
    expect(await panel.locator('.note').count()).toBe(0);

    const conversationId = (await storedConversationId(page))!;
    const stored = await ctx.services.repos.transcripts.since(`webchat:${conversationId}`, 0);
    expect(stored.filter((a) => a.from.role === 'user')).toHaveLength(1);
  }, 60_000);

  it('lays out right to left on a right-to-left page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/rtl.html`);
    const launcher = page.locator('.launcher');
    await launcher.waitFor();
    expect(await page.locator('.root').getAttribute('dir')).toBe('rtl');
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(200); // bottom-left corner, mirrored
  }, 60_000);
});

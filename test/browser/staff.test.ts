// The staff console in a real Chromium against the real app, on a landscape tablet, a portrait
// tablet and a desktop: a nurse signs in, a web chat patient (Direct Line) reports stroke signs, the
// emergency case appears live with its alert (a sound, the count in the tab title, a browser
// notification), the nurse opens it (an audit row is written), reads the findings as labels with
// the patient's words, replies (the patient's web chat receives it as from clinic staff) and
// resolves it. The browser's notification and audio objects are replaced by recorders: what is
// checked is that the console asked for them, not that the machine has speakers.
import type { Page } from 'playwright-core';
import { describeWithChromium, runAxe, saveScreenshot } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { NURSE, seedCase } from '../staff/helpers';

const STROKE = "my face is drooping on one side and my left arm is weak, I can't lift it";
const REPLY = 'This is the clinic nurse. Please call the emergency number now; we are calling you as well.';

interface DirectLineActivity {
  text?: string;
  from: { role: string };
  channelData?: { clinicStaff?: boolean; triage?: { disposition: string; caseId: string } };
}

/** A web chat patient speaking the Direct Line 3.0 subset, as the widget does. */
class WebChatPatient {
  private token = '';
  conversationId = '';
  constructor(private readonly base: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.base}/v3/directline${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  async start(): Promise<void> {
    this.token = String((await this.call('POST', '/tokens/generate')).token);
    const started = await this.call('POST', '/conversations');
    this.token = String(started.token);
    this.conversationId = String(started.conversationId);
  }

  async say(text: string): Promise<void> {
    await this.call('POST', `/conversations/${this.conversationId}/activities`, { type: 'message', from: { id: 'patient' }, text, locale: 'en-US' });
  }

  async activities(): Promise<DirectLineActivity[]> {
    return (await this.call('GET', `/conversations/${this.conversationId}/activities`)).activities as DirectLineActivity[];
  }
}


interface AlertRecord {
  beeps: number;
  notifications: Array<{ title: string; body: string; tag: string }>;
}

async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __alerts: AlertRecord; Notification: unknown; AudioContext: typeof AudioContext };
    w.__alerts = { beeps: 0, notifications: [] };
    w.Notification = class {
      static permission = 'granted';
      static requestPermission(): Promise<string> { return Promise.resolve('granted'); }
      onclick: unknown = null;
      constructor(title: string, options: { body: string; tag: string }) { w.__alerts.notifications.push({ title, body: options.body, tag: options.tag }); }
      close(): void {}
    };
    const Real = w.AudioContext;
    w.AudioContext = class extends Real {
      override createOscillator(): OscillatorNode { w.__alerts.beeps += 1; return super.createOscillator(); }
    };
  });
}

const alertsSeen = (page: Page): Promise<AlertRecord> => page.evaluate(() => (window as unknown as { __alerts: AlertRecord }).__alerts);

const SIZES = [
  ['tablet-landscape', { width: 1024, height: 768 }],
  ['tablet-portrait', { width: 768, height: 1024 }],
  ['desktop', { width: 1440, height: 900 }],
] as const;

for (const [size, viewport] of SIZES) {
  describeWithChromium(`staff console in Chromium (${size})`, () => {
    const staffConsole = useStaffConsole(viewport);

    it('an emergency arrives with its alert; the nurse reads labelled findings, replies and resolves', async () => {
      const { page } = staffConsole.browser;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await recordAlerts(page);
      await page.goto(`${staffConsole.server.url}/staff/`);
      await page.getByLabel('Email').fill(NURSE.email);
      await page.getByLabel('Password', { exact: true }).fill(NURSE.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      await page.locator('#feed-state[data-state="live"]').waitFor();
      await page.getByText('No cases match these filters.').waitFor();
      expect(await page.title()).toBe('Clinic staff console');

      const patient = new WebChatPatient(staffConsole.server.url);
      await patient.start();
      await patient.say(STROKE);
      const outcome = (await patient.activities()).find((a) => a.channelData?.triage);
      expect(outcome?.channelData?.triage?.disposition).toBe('emergency');
      const caseId = outcome!.channelData!.triage!.caseId;

      // Live: no reload, the Server-Sent Events stream brings it in, with the alerts.
      const item = page.locator(`.case-item[data-id="${caseId}"]`);
      await item.waitFor({ timeout: 10_000 });
      expect(await item.getAttribute('data-disposition')).toBe('emergency');
      await page.locator('#announcer', { hasText: 'New case: Emergency' }).waitFor();
      await page.waitForFunction(() => document.title === '(1) Clinic staff console');
      const alerts = await alertsSeen(page);
      expect(alerts.beeps).toBeGreaterThan(0);
      expect(alerts.notifications).toEqual([{ title: 'New emergency case', body: expect.any(String), tag: caseId }]);
      // A notification can show on a locked screen: no patient words in it.
      expect(alerts.notifications[0]!.body).not.toMatch(/face|drooping|arm/);

      await item.click();
      const panel = page.locator('#case-panel');
      await panel.getByRole('heading', { name: /Emergency/ }).waitFor();
      await panel.locator('.transcript li.user', { hasText: 'my face is drooping' }).waitFor();
      // Opening the case is audited. A later message on the case (the bot's own follow-up arriving late
      // on a loaded machine) reloads the open panel, and that read is audited too: every read is hers.
      const reads = await staffConsole.ctx.services.repos.staff.audit.list({ caseId, action: 'case.read' });
      expect(reads.length).toBeGreaterThanOrEqual(1);
      expect(reads).toEqual(reads.map(() => expect.objectContaining({ actorEmail: NURSE.email, caseId })));

      // Findings in words, each with what the patient said; no raw ids anywhere in the case.
      const face = panel.locator('.findings li[data-finding="face_droop"]');
      await face.locator('.finding', { hasText: 'Face drooping' }).waitFor();
      expect(await face.locator('.evidence').innerText()).toMatch(/face is drooping/);
      expect(await panel.innerText()).not.toMatch(/\b[a-z]+_[a-z_]+\b|redflag\./);
      await panel.locator('.sbar dd', { hasText: /Face drooping \(“.*face is drooping/ }).waitFor();

      // Queue on the left and the case on the right, except on a portrait tablet: one column.
      const queueBox = (await page.locator('#queue').boundingBox())!;
      const caseBox = (await panel.boundingBox())!;
      if (viewport.width >= 900) expect(caseBox.x).toBeGreaterThanOrEqual(queueBox.x + queueBox.width);
      else expect(caseBox.y).toBeGreaterThanOrEqual(queueBox.y + queueBox.height);
      await saveScreenshot(page, `queue-case-${size}`);

      await panel.getByLabel('Reply to the patient').fill(REPLY);
      await panel.getByRole('button', { name: 'Send' }).click();
      // The notice appears under the reply box, where the nurse is looking.
      await panel.locator('form.reply [role="status"]', { hasText: 'Reply sent.' }).waitFor();
      await panel.locator('.transcript li.staff', { hasText: REPLY }).waitFor();
      await panel.getByText('You hold this case').waitFor();
      // Held, the emergency no longer waits: the count leaves the title.
      await page.waitForFunction(() => document.title === 'Clinic staff console');

      // Direct Line knows only user and bot roles; channelData marks the sender as clinic staff,
      // which the widget shows as "Clinic staff".
      const reply = (await patient.activities()).find((a) => a.text === REPLY);
      expect(reply).toMatchObject({ from: { role: 'bot' }, channelData: { clinicStaff: true } });

      const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);

      await panel.getByText('Resolve the case').click();
      await panel.getByLabel('Resolution note').fill('Called the patient; ambulance on the way.');
      await panel.getByRole('button', { name: 'Resolve', exact: true }).click();
      await panel.locator('[role="status"]', { hasText: 'Case resolved.' }).waitFor();
      await panel.getByRole('heading', { name: /Resolved/ }).waitFor();
      expect((await staffConsole.ctx.services.repos.cases.get(caseId))!.status).toBe('resolved');
      expect(pageErrors).toEqual([]);
    }, 90_000);

    it('keeps the filters in the URL and shows a wait past its target in red', async () => {
      const { page } = staffConsole.browser;
      const old = await seedCase(staffConsole.ctx, { disposition: 'urgent', protocol: 'chest_pain', ageBand: 'older', channel: 'sms', reasons: [{ code: 'patient_requested_staff', text: 'Asked for a person' }] }, new Date(Date.now() - 45 * 60_000));
      const recent = await seedCase(staffConsole.ctx, { disposition: 'urgent', protocol: 'fever_adult' }, new Date(Date.now() - 5 * 60_000));
      await page.locator('#filters select[name="disposition"]').selectOption('urgent');
      await page.waitForURL(/disposition=urgent/);
      const row = page.locator(`.case-item[data-id="${old}"]`);
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Chest pain[\s\S]*Asked for a person[\s\S]*65 years or older · SMS · EN/);
      expect(await row.locator('.wait').getAttribute('data-overdue')).toBe('true');
      expect(await row.locator('.wait').innerText()).toMatch(/Waiting 4\d min · over the 30 min target/);
      expect(await page.locator(`.case-item[data-id="${recent}"] .wait`).getAttribute('data-overdue')).toBe('false');

      await page.reload();
      await page.locator(`.case-item[data-id="${old}"]`).waitFor();
      expect(await page.locator('#filters select[name="disposition"]').inputValue()).toBe('urgent');
      expect(await page.locator('.case-item[data-disposition="emergency"]').count()).toBe(0);
    }, 60_000);

    it('switches the console to Spanish, labels included', async () => {
      const { page } = staffConsole.browser;
      await page.locator('#lang').selectOption('es');
      await page.getByRole('heading', { name: 'Casos' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await page.locator('.case-item .complaint', { hasText: 'Dolor en el pecho' }).first().waitFor();
      await page.locator('#lang').selectOption('en');
    }, 30_000);
  });
}

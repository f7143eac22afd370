// The staff console in a real Chromium against the real app: a nurse signs in on a tablet-sized
// screen, a web chat patient (Direct Line) reports stroke signs, the emergency case appears live,
// the nurse opens it (an audit row is written) and replies, and the patient's web chat receives
// the reply as coming from clinic staff.
import { describeWithChromium, runAxe } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { NURSE } from '../staff/helpers';

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

describeWithChromium('staff console in Chromium', () => {
  const staffConsole = useStaffConsole({ width: 820, height: 1180 });

  it('shows a new emergency case live, opens it (audited), and the reply reaches the patient’s web chat', async () => {
    const { page } = staffConsole.browser;
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${staffConsole.server.url}/staff/`);
    await page.getByLabel('Email').fill(NURSE.email);
    await page.getByLabel('Password', { exact: true }).fill(NURSE.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.locator('#feed-state[data-state="live"]').waitFor();
    await page.getByText('No cases match these filters.').waitFor();

    const patient = new WebChatPatient(staffConsole.server.url);
    await patient.start();
    await patient.say(STROKE);
    const outcome = (await patient.activities()).find((a) => a.channelData?.triage);
    expect(outcome?.channelData?.triage?.disposition).toBe('emergency');
    const caseId = outcome!.channelData!.triage!.caseId;

    // Live: no reload, the Server-Sent Events stream brings it in.
    const item = page.locator(`.case-item[data-id="${caseId}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.getAttribute('data-disposition')).toBe('emergency');
    await page.locator('#announcer', { hasText: 'New case: Emergency' }).waitFor();

    await item.click();
    const panel = page.locator('#case-panel');
    await panel.getByRole('heading', { name: /Emergency/ }).waitFor();
    await panel.locator('.transcript li.user', { hasText: 'my face is drooping' }).waitFor();
    const reads = await staffConsole.ctx.services.repos.staff.audit.list({ caseId, action: 'case.read' });
    expect(reads).toEqual([expect.objectContaining({ actorEmail: NURSE.email, caseId })]);

    await panel.getByLabel('Reply to the patient').fill(REPLY);
    await panel.getByRole('button', { name: 'Send' }).click();
    // The notice appears under the reply box, where the nurse is looking.
    await panel.locator('form.reply [role="status"]', { hasText: 'Reply sent.' }).waitFor();
    await panel.locator('.transcript li.staff', { hasText: REPLY }).waitFor();
    await panel.getByText('You hold this case').waitFor();

    // Direct Line knows only user and bot roles; channelData marks the sender as clinic staff,
    // which the widget shows as "Clinic staff".
    const reply = (await patient.activities()).find((a) => a.text === REPLY);
    expect(reply).toMatchObject({ from: { role: 'bot' }, channelData: { clinicStaff: true } });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('has no serious accessibility problems with a case open', async () => {
    const violations = (await runAxe(staffConsole.browser.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
  }, 30_000);

  it('switches the console to Spanish', async () => {
    const { page } = staffConsole.browser;
    await page.locator('#lang').selectOption('es');
    await page.getByRole('heading', { name: 'Casos' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.locator('#lang').selectOption('en');
  }, 30_000);
});

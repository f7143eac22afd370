// The staff case view in a real Chromium. The sign-in screen shows nothing of the work screen; a
// case whose optional parts are all missing (nobody holds it, no appointment, no resolution note,
// no override) shows them as absent and never prints the text "null"; the conversation sits next
// to the reply box, and a long transcript can be scrolled from the keyboard; the patient's name and
// call-back number show when given, the number one tap from a call.
import { describeWithChromium, runAxe } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { NURSE, giveIdentity, seedCase } from '../staff/helpers';

describeWithChromium('staff case view in Chromium', () => {
  const staffConsole = useStaffConsole({ width: 1280, height: 900 });

  it('shows only the sign-in form before sign-in', async () => {
    const { page } = staffConsole.browser;
    await page.goto(`${staffConsole.server.url}/staff/`);
    await page.locator('#login-email').waitFor();
    // [hidden] loses to a display rule unless the stylesheet says otherwise.
    for (const id of ['work-view', 'case-panel', 'admin-view', 'feed-state', 'queue-empty']) expect(await page.locator(`#${id}`).isVisible()).toBe(false);
    expect(await page.locator('body').innerText()).not.toMatch(/Reconnecting|No cases match/);
  }, 60_000);

  it('shows a case with no optional parts without any "null"', async () => {
    const caseId = await seedCase(staffConsole.ctx, { guardEvents: [] });
    const { page } = staffConsole.browser;
    await page.locator('#login-email').fill(NURSE.email);
    await page.locator('#login-password').fill(NURSE.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(`.case-item[data-id="${caseId}"]`).click();
    const panel = page.locator('#case-panel');
    await panel.getByRole('heading', { name: 'Appointment' }).waitFor();
    expect(await panel.innerText()).not.toMatch(/\bnull\b/);
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b/);
  }, 60_000);

  it('puts the reply box right under the conversation, and the long transcript is keyboard-scrollable', async () => {
    const { ctx } = staffConsole;
    const caseId = await seedCase(ctx, { guardEvents: [] });
    const conversationId = (await ctx.services.repos.cases.get(caseId))!.conversationId;
    await ctx.services.repos.transcripts.append(conversationId, Array.from({ length: 30 }, (_, i) => ({
      type: 'message', channelId: 'webchat', conversation: { id: conversationId }, from: { id: 'patient', role: 'user' }, text: `message number ${i} about the pain`,
    })));
    const { page } = staffConsole.browser;
    await page.locator(`.case-item[data-id="${caseId}"]`).click();
    const panel = page.locator('#case-panel');
    await panel.locator('.transcript li', { hasText: 'message number 29' }).waitFor();
    // The reply box is drawn with the case's actions, a moment after the transcript on a busy machine.
    await panel.getByLabel('Reply to the patient').waitFor();
    const transcript = await panel.locator('.transcript').boundingBox();
    const reply = await panel.getByLabel('Reply to the patient').boundingBox();
    expect(transcript && reply).toBeTruthy();
    // Directly below, not a screen away.
    expect(reply!.y - (transcript!.y + transcript!.height)).toBeLessThan(80);
    expect(Math.abs(reply!.x - transcript!.x)).toBeLessThan(20);
    const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
  }, 60_000);

  it('keeps an open "Resolve" section and a half-typed note when the case view is drawn again', async () => {
    const caseId = await seedCase(staffConsole.ctx, { guardEvents: [] });
    const { page } = staffConsole.browser;
    await page.locator(`.case-item[data-id="${caseId}"]`).click();
    const panel = page.locator('#case-panel');
    await panel.getByText('Resolve the case').click();
    await panel.getByLabel('Resolution note').fill('Called back, advice given');
    // a redraw (here the console's language; in use, a new patient message) must not close it or wipe it
    await page.locator('#lang').selectOption('es');
    await page.getByRole('heading', { name: 'Casos' }).waitFor();
    expect(await page.locator('#resolve-note').isVisible()).toBe(true);
    expect(await page.locator('#resolve-note').inputValue()).toBe('Called back, advice given');
    await page.locator('#lang').selectOption('en');
    await panel.getByRole('button', { name: 'Resolve', exact: true }).click();
    await panel.locator('[role="status"]', { hasText: 'Case resolved.' }).waitFor();
    // after the action the draft is gone, not carried into the next form
    expect(await panel.locator('#resolve-note').count()).toBe(0);
  }, 60_000);

  it('shows the patient\'s name and date of birth, and the call-back number as a tel: link', async () => {
    const { ctx } = staffConsole;
    const caseId = await seedCase(ctx, { guardEvents: [] });
    await giveIdentity(ctx, caseId, { name: 'Ana Pérez', dateOfBirth: '1961-04-09', phone: '+1 555 010 2030' });
    const { page } = staffConsole.browser;
    await page.locator(`.case-item[data-id="${caseId}"]`).click();
    const panel = page.locator('#case-panel');
    const patient = panel.locator('section', { has: page.getByRole('heading', { name: 'Patient' }) });
    await patient.getByText('Ana Pérez').waitFor();
    await patient.getByText('1961-04-09').waitFor();
    const call = patient.getByRole('link', { name: 'Call +1 555 010 2030' });
    expect(await call.getAttribute('href')).toBe('tel:+15550102030');
  }, 60_000);
});

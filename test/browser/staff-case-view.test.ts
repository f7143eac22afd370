// The staff case view in a real Chromium, for a case whose optional parts are all missing (nobody
// holds it, no appointment, no resolution note, no override): it shows them as absent and never
// prints the text "null".
import { describeWithChromium } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { NURSE, seedCase } from '../staff/helpers';

describeWithChromium('staff case view in Chromium', () => {
  const staffConsole = useStaffConsole({ width: 1280, height: 900 });

  it('shows a case with no optional parts without any "null"', async () => {
    const caseId = await seedCase(staffConsole.ctx, { guardEvents: [] });
    const { page } = staffConsole.browser;
    await page.goto(`${staffConsole.server.url}/staff/`);
    await page.locator('#login-email').fill(NURSE.email);
    await page.locator('#login-password').fill(NURSE.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(`.case-item[data-id="${caseId}"]`).click();
    const panel = page.locator('#case-panel');
    await panel.getByRole('heading', { name: 'Appointment' }).waitFor();
    expect(await panel.innerText()).not.toMatch(/\bnull\b/);
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b/);
  }, 60_000);
});

// Staff administration in a real Chromium, on a landscape tablet and a desktop: a nurse locked
// after failed sign-ins from many addresses reads why she cannot sign in and an admin unlocks her;
// the admin deactivates her (she is signed out and refused) and reactivates her.
import request from 'supertest';
import type { Page } from 'playwright-core';
import { describeWithChromium, runAxe, saveScreenshot } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { ADMIN, NURSE } from '../staff/helpers';

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.locator('#login-email').fill(who.email);
  await page.locator('#login-password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

for (const [size, viewport] of [['tablet', { width: 1024, height: 768 }], ['desktop', { width: 1440, height: 900 }]] as const) {
  describeWithChromium(`staff administration in Chromium (${size})`, () => {
    const staffConsole = useStaffConsole(viewport);

    it('tells a locked nurse why, and an admin unlocks her', async () => {
      const { page } = staffConsole.browser;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      // A guesser behind the clinic's proxy, rotating addresses.
      for (let i = 0; i < 10; i++) await request(staffConsole.ctx.app).post('/api/staff/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ ...NURSE, password: 'wrong-password-1' }).expect(401);

      await page.goto(`${staffConsole.server.url}/staff/`);
      await page.locator('#login-email').waitFor();
      await saveScreenshot(page, `login-${size}`);
      expect(await seriousViolations(page)).toEqual([]);
      await signIn(page, NURSE);
      await page.locator('#login-error', { hasText: 'This account is locked after repeated failed sign-ins' }).waitFor();

      await signIn(page, ADMIN);
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { name: 'Administration' }).waitFor();
      const row = page.locator('#staff-users tr', { hasText: NURSE.email });
      await row.getByText('Locked after failed sign-ins').waitFor();
      await row.getByRole('button', { name: 'Unlock' }).click();
      // The notice sits with the users table, where the admin clicked.
      await page.locator('section[aria-labelledby="users-title"] [role="status"]', { hasText: `${NURSE.email} can sign in again.` }).waitFor();
      await row.getByText('Active', { exact: true }).waitFor();
      expect(await row.getByText('Locked after failed sign-ins').count()).toBe(0);
      await saveScreenshot(page, `admin-users-${size}`);
      expect(await seriousViolations(page)).toEqual([]);

      await page.locator('#logout').click();
      await signIn(page, NURSE);
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      expect(pageErrors).toEqual([]);
    }, 60_000);

    it('an admin deactivates a nurse (signed out, refused) and reactivates her', async () => {
      const { page } = staffConsole.browser;
      const nurseApi = request.agent(staffConsole.ctx.app);
      await nurseApi.post('/api/staff/login').send(NURSE).expect(200);
      await page.locator('#logout').click();
      await signIn(page, ADMIN);
      await page.getByRole('link', { name: 'Administration' }).click();
      const row = page.locator('#staff-users tr', { hasText: NURSE.email });
      await row.getByRole('button', { name: 'Deactivate' }).click();
      await row.getByText('Deactivated', { exact: true }).waitFor();
      await page.locator('section[aria-labelledby="users-title"] [role="status"]', { hasText: `${NURSE.email} is deactivated` }).waitFor();
      await nurseApi.get('/api/staff/cases').expect(401);
      await request(staffConsole.ctx.app).post('/api/staff/login').send(NURSE).expect(403);
      // The admin's own row offers no deactivation.
      expect(await page.locator('#staff-users tr', { hasText: ADMIN.email }).getByRole('button', { name: 'Deactivate' }).count()).toBe(0);

      await row.getByRole('button', { name: 'Reactivate' }).click();
      await row.getByText('Active', { exact: true }).waitFor();
      await request(staffConsole.ctx.app).post('/api/staff/login').send(NURSE).expect(200);
      const audit = await staffConsole.ctx.services.repos.staff.audit.list({ limit: 50 });
      expect(audit.filter((r) => r.action.startsWith('user.')).map((r) => r.action).slice(0, 3)).toEqual(['user.reactivate', 'user.deactivate', 'user.unlock']);
    }, 60_000);

    it('an admin resets a password; the nurse must choose her own before she sees the cases', async () => {
      const { page } = staffConsole.browser;
      const temporary = `temporary-${size}-123`;
      const own = `her-own-${size}-password`;
      const row = page.locator('#staff-users tr', { hasText: NURSE.email });
      await row.getByText('Reset password').click();
      await row.getByLabel('Temporary password').fill(temporary);
      await row.getByRole('button', { name: 'Set temporary password' }).click();
      await page.locator('#staff-users tr', { hasText: NURSE.email }).getByText('Must choose a new password').waitFor();

      await page.locator('#logout').click();
      await signIn(page, { email: NURSE.email, password: temporary });
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      expect(await page.locator('#work-view').isVisible()).toBe(false);
      await saveScreenshot(page, `new-password-${size}`);
      expect(await seriousViolations(page)).toEqual([]);
      const form = page.locator('#password-view');
      await form.getByLabel('Temporary password').fill(temporary);
      await form.getByLabel('New password').fill(own);
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      await page.locator('#feed-state[data-state="live"]').waitFor();
      await request(staffConsole.ctx.app).post('/api/staff/login').send({ email: NURSE.email, password: own }).expect(200);
      // Put back for the next size's run of this file (each size has its own app, but keep it tidy).
      await staffConsole.ctx.services.repos.staff.users.setPassword((await staffConsole.ctx.services.repos.staff.users.findByEmail(NURSE.email))!._id, NURSE.password, false);
    }, 60_000);
  });
}

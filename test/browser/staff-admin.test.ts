// The staff console in a real Chromium: a nurse whose account was locked after failed sign-ins from
// many addresses reads why she cannot sign in, and an admin unlocks her from the console.
import request from 'supertest';
import { describeWithChromium } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { ADMIN, NURSE } from '../staff/helpers';

describeWithChromium('staff console administration in Chromium', () => {
  const staffConsole = useStaffConsole({ width: 1280, height: 900 });

  async function signIn(who: { email: string; password: string }): Promise<void> {
    const { page } = staffConsole.browser;
    await page.locator('#login-email').fill(who.email);
    await page.locator('#login-password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('tells a locked nurse why, and an admin unlocks her', async () => {
    const { page } = staffConsole.browser;
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // A guesser behind the clinic's proxy, rotating addresses.
    for (let i = 0; i < 10; i++) await request(staffConsole.ctx.app).post('/api/staff/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ ...NURSE, password: 'wrong-password-1' }).expect(401);

    await page.goto(`${staffConsole.server.url}/staff/`);
    await signIn(NURSE);
    await page.locator('#login-error', { hasText: 'This account is locked after repeated failed sign-ins' }).waitFor();

    await signIn(ADMIN);
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByText('Staff users', { exact: true }).click();
    await page.getByRole('button', { name: 'Show staff users' }).click();
    const row = page.locator('#staff-users tr', { hasText: NURSE.email });
    await row.getByText('Locked after failed sign-ins').waitFor();
    await row.getByRole('button', { name: 'Unlock' }).click();
    await page.locator('#notice', { hasText: `${NURSE.email} can sign in again.` }).waitFor();
    await row.getByText('Can sign in').waitFor();

    await page.locator('#logout').click();
    await signIn(NURSE);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

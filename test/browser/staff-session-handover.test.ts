// One shared tablet at the nurses' station: a nurse signs out and the next person signs in while a
// request from the nurse's session is still on its way. Its late 401 belongs to the old session and
// must not sign the next person out (it did, and made the admin Chromium test fail under load).
import type { Page, Route } from 'playwright-core';
import { describeWithChromium } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { ADMIN, NURSE } from '../staff/helpers';

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.locator('#login-email').fill(who.email);
  await page.locator('#login-password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Holds the next request to `pattern` until the test answers it; the others pass through. */
async function holdNext(page: Page, pattern: string): Promise<() => Promise<Route>> {
  let arrived!: (route: Route) => void;
  const held = new Promise<Route>((resolve) => { arrived = resolve; });
  let taken = false;
  await page.route(pattern, (route) => {
    if (taken) return route.continue();
    taken = true;
    arrived(route);
  });
  return () => held;
}

describeWithChromium('staff console: a late answer from the last session', () => {
  const staffConsole = useStaffConsole({ width: 1024, height: 768 });

  it('does not sign out the person who signed in since', async () => {
    const { page } = staffConsole.browser;
    const eventsHeld = await holdNext(page, '**/api/staff/events');
    await page.goto(`${staffConsole.server.url}/staff/`);
    await signIn(page, NURSE);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();

    // The nurse's live feed closes (as when her session ends on the server): the console asks
    // whether her session still holds, and that question is slow to come back.
    const sessionHeld = await holdNext(page, '**/api/staff/session');
    await (await eventsHeld()).fulfill({ status: 401, contentType: 'application/json', body: '{"error":{"code":"unauthenticated"}}' });
    const lateQuestion = await sessionHeld();

    await page.locator('#logout').click();
    await signIn(page, ADMIN);
    await page.getByRole('link', { name: 'Administration' }).waitFor();

    const answered = page.waitForEvent('requestfinished', (r) => r.url().endsWith('/api/staff/session'));
    await lateQuestion.fulfill({ status: 401, contentType: 'application/json', body: '{"error":{"code":"unauthenticated"}}' });
    await answered;
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    expect(await page.locator('#login-view').isHidden()).toBe(true);
    expect(await page.locator('#who').textContent()).toContain(ADMIN.email);
  }, 60_000);
});

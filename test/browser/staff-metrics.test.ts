// The metrics page in a real Chromium, on a landscape tablet and a desktop: a nurse opens it from the
// console's navigation and reads the week's numbers in her language, per language too, with a CSV
// export of the same numbers; no serious accessibility problem.
import type { Page } from 'playwright-core';
import { describeWithChromium, runAxe, saveScreenshot } from '../helpers/browser';
import { useStaffConsole } from './staff-console';
import { NURSE, seedCase } from '../staff/helpers';

async function signIn(page: Page): Promise<void> {
  await page.locator('#login-email').fill(NURSE.email);
  await page.locator('#login-password').fill(NURSE.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
}

for (const [size, viewport] of [['tablet', { width: 1024, height: 768 }], ['desktop', { width: 1440, height: 900 }]] as const) {
  describeWithChromium(`staff metrics page in Chromium (${size})`, () => {
    const staffConsole = useStaffConsole(viewport);

    it('shows the numbers of the last days, per language, with a CSV export', async () => {
      const { ctx } = staffConsole;
      const recently = new Date(Date.now() - 10 * 60_000);
      await seedCase(ctx, { protocol: 'chest_pain' }, recently);
      await seedCase(ctx, { protocol: 'chest_pain', language: 'es' }, recently);
      await seedCase(ctx, { disposition: 'urgent', protocol: 'staff_request', channel: 'sms', reasons: [{ code: 'patient_requested_staff', text: 'Asked for a person' }] }, recently);

      const { page } = staffConsole.browser;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await page.goto(`${staffConsole.server.url}/staff/`);
      await signIn(page);
      await page.getByRole('link', { name: 'Metrics' }).click();
      await page.getByRole('heading', { name: 'Metrics' }).waitFor();
      const view = page.locator('#metrics-view');
      await view.getByText('3 open cases, 1 of them asked for a person').waitFor();
      const byLanguage = view.locator('section.metrics-card', { has: page.getByRole('heading', { name: 'By language' }) });
      await byLanguage.locator('tr', { hasText: 'Español' }).waitFor();
      expect(await byLanguage.locator('tr', { hasText: 'English' }).innerText()).toMatch(/English\s+2\s+1 \(50 %\)\s+1 \(50 %\)/);
      const overrides = view.locator('section.metrics-card', { has: page.getByRole('heading', { name: 'Disposition changes by complaint' }) });
      await overrides.getByText('Chest pain').waitFor();
      await overrides.getByText('Asked for a person').waitFor();
      const href = await view.locator('#metrics-csv').getAttribute('href');
      expect(href).toMatch(/^\/api\/staff\/metrics\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&format=csv$/);
      // The link downloads with the session cookie, as the browser would.
      const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
      expect(csv.split('\n')).toEqual(expect.arrayContaining(['awaiting_now,all,open,3', 'awaiting_now,all,asked_for_person,1']));

      await saveScreenshot(page, `metrics-${size}`);
      const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);

      await page.locator('#lang').selectOption('es');
      await page.getByRole('heading', { name: 'Indicadores' }).waitFor();
      await view.getByRole('heading', { name: 'Por idioma' }).waitFor();
      await page.locator('#lang').selectOption('en');
      expect(pageErrors).toEqual([]);
    }, 60_000);
  });
}

// The staff console app served on 127.0.0.1 with a Chromium page, set up once per describe block.
import type { TestContext } from '../helpers/test-services';
import { listen, openBrowser, type BrowserSession, type Listening } from '../helpers/browser';
import { buildStaffApp } from '../staff/helpers';

export interface StaffConsole {
  ctx: TestContext;
  server: Listening;
  browser: BrowserSession;
}

/** Call inside a describe block: the returned object is filled in beforeAll and closed in afterAll. */
export function useStaffConsole(viewport: { width: number; height: number }): StaffConsole {
  const s = {} as StaffConsole;
  beforeAll(async () => {
    s.ctx = await buildStaffApp();
    s.server = await listen(s.ctx.app);
    s.browser = await openBrowser({ viewport });
  }, 60_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  return s;
}

// A stopping instance waits at least as long as the longest turn can take, and then for the work
// that follows turns (handover notes, late SMS texts).
import { drainPlan } from '../../src/shutdown';
import { testConfig } from '../helpers/test-services';

describe('drainPlan', () => {
  it('lets two turns of the longest budget finish (one waits for the other), never less than 10 s', () => {
    for (const budget of [1000, 5000, 12000]) {
      const plan = drainPlan(testConfig({ TURN_BUDGET_MS: String(budget) }));
      expect(plan.requestsMs).toBeGreaterThanOrEqual(2 * budget);
      expect(plan.requestsMs).toBeGreaterThanOrEqual(10_000);
    }
  });

  it('then waits for an LLM handover note to reach its timeout', () => {
    const plan = drainPlan(testConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LLM_TIMEOUT_MS: '20000' }));
    expect(plan.afterTurnMs).toBeGreaterThanOrEqual(20_000);
  });
});

// The circuit breaker on its own, and wired into the gateway: open after N failures, half-open after the cool-down.
import { CircuitBreaker } from '../../src/llm/circuit-breaker';
import { budget, gatewayWith, ScriptedChatModel } from './fakes';

test('opens after N consecutive failures, lets one trial through after the cool-down, closes on success', () => {
  let now = 0;
  const b = new CircuitBreaker(3, 1000, () => now);
  for (let i = 0; i < 3; i++) {
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
  }
  expect(b.current).toBe('open');
  expect(b.tryAcquire()).toBe(false);
  now = 1000;
  expect(b.tryAcquire()).toBe(true);
  expect(b.current).toBe('half_open');
  expect(b.tryAcquire()).toBe(false); // one trial at a time
  b.onSuccess();
  expect(b.current).toBe('closed');
});

test('a failed trial opens the circuit again; a success in between resets the count', () => {
  let now = 0;
  const b = new CircuitBreaker(2, 100, () => now);
  b.onFailure();
  b.onSuccess();
  b.onFailure();
  expect(b.current).toBe('closed');
  b.onFailure();
  expect(b.current).toBe('open');
  now = 100;
  expect(b.tryAcquire()).toBe(true);
  b.onFailure();
  expect(b.current).toBe('open');
  expect(b.tryAcquire()).toBe(false);
});

test('in the gateway: an open circuit answers at once, without calling the model or spending the budget', async () => {
  const reply = 'Please call 911 now.';
  const model = new ScriptedChatModel([{ throws: 'down' }, { throws: 'down' }, reply]);
  const { gw } = gatewayWith(model, { breakerThreshold: 2, breakerCooldownMs: 200 });
  const input = { text: 'Call 911 now.', lang: 'en' as const, disposition: 'emergency' as const, mustKeep: ['911'] };
  await gw.phraseReply(input, budget());
  await gw.phraseReply(input, budget());
  const turn = budget();
  const open = await gw.phraseReply(input, turn);
  expect(open.events).toEqual([expect.objectContaining({ guard: 'circuit_breaker', action: 'fallback', reason: 'circuit_open' })]);
  expect(turn.used).toBe(false);
  expect(model.calls).toBe(2);
  await new Promise((r) => setTimeout(r, 220));
  expect((await gw.phraseReply(input, budget())).text).toBe(reply);
  expect(model.calls).toBe(3);
});

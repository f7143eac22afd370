// The Bot Framework adapter for Teams (and any Azure Bot Service channel): botbuilder's
// CloudAdapter in front of the same bot, transcript middleware and error handler as web chat and
// SMS. One adapter per bot runtime, shared by the /api/messages route and the proactive sender.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { BotRuntime } from '../../bot/create-bot';
import type { Config } from '../../config/env';
import { OutcomeCardMiddleware } from './outcome-card';

export interface TeamsDeps {
  config: Config;
  runtime: BotRuntime;
}

/** Exposes the authenticated single-activity entry point, so the route maps errors itself
 *  (CloudAdapter.process answers failures with the error's message and logs it to the console). */
export class TeamsAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

const adapters = new WeakMap<BotRuntime, TeamsAdapter>();

export function teamsAdapter(deps: TeamsDeps): TeamsAdapter {
  const existing = adapters.get(deps.runtime);
  if (existing) return existing;
  const { appId, appPassword, tenantId, appType } = deps.config.microsoftApp;
  // Without an app id: emulator mode, no inbound token check (main.ts logs a warning).
  const auth = new ConfigurationBotFrameworkAuthentication(
    appId ? { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppTenantId: tenantId, MicrosoftAppType: appType ?? 'MultiTenant' } : {},
  );
  const adapter = new TeamsAdapter(auth);
  adapter.use(new OutcomeCardMiddleware(), deps.runtime.transcriptMiddleware);
  adapter.onTurnError = (context, error) => deps.runtime.onTurnError(context, error);
  adapters.set(deps.runtime, adapter);
  return adapter;
}

/** Errors from the token check carry a 4xx statusCode (botframework-connector's AuthenticationError). */
export function isAuthenticationFailure(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * The token check could not reach the Bot Framework's signing keys (network down, DNS): a
 * node-fetch FetchError of type "system". Nothing is known about the caller, so no turn runs, and
 * the channel is told to retry later rather than shown an internal error.
 */
export function isKeyServiceUnreachable(err: unknown): boolean {
  const e = err as { name?: unknown; type?: unknown } | null;
  return e?.name === 'FetchError' && e.type === 'system';
}

// The one place that talks to Twilio's REST API. Senders depend on the narrow SmsClient interface,
// so tests can inject a client or point the real twilio client at a local HTTP server (Twilio's
// API lies off this machine): `apiBaseUrl` rewrites every request's origin, keeping path, auth
// and form encoding exactly as twilio-node builds them.
import twilio from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient';
import type TwilioResponse from 'twilio/lib/http/response';
import type { Config } from '../../config/env';

export interface SmsSendParams {
  to: string;
  body: string;
  statusCallback?: string;
}

export interface SmsClient {
  send(params: SmsSendParams): Promise<{ sid: string; status: string }>;
}

type TwilioConfig = NonNullable<Config['twilio']>;

/** A twilio RequestClient whose requests go to another origin (a local fake of the REST API). */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL) {
    super({ timeout: 10_000 });
    // A fake on loopback must not be sent through an HTTP(S)_PROXY from the environment.
    this.axios.defaults.proxy = false;
  }

  override request<TData>(opts: TwilioRequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const original = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: new URL(`${original.pathname}${original.search}`, this.base).href });
  }
}

export function createTwilioSmsClient(cfg: TwilioConfig, opts: { apiBaseUrl?: string } = {}): SmsClient {
  const client = twilio(cfg.accountSid, cfg.authToken, {
    httpClient: opts.apiBaseUrl ? new RebasedRequestClient(new URL(opts.apiBaseUrl)) : undefined,
    timeout: 10_000,
  });
  return {
    async send({ to, body, statusCallback }) {
      const sender = cfg.messagingServiceSid ? { messagingServiceSid: cfg.messagingServiceSid } : { from: cfg.fromNumber };
      const message = await client.messages.create({ to, body, statusCallback, ...sender });
      return { sid: message.sid, status: message.status };
    },
  };
}

/** Twilio's REST errors carry a numeric code; 21610 = the recipient replied STOP at the carrier. */
export function twilioErrorCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export const TWILIO_UNSUBSCRIBED = 21610;

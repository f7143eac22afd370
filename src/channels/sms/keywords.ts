// The carrier-standard SMS keywords. They are whole-message commands (as carriers and Twilio treat
// them), so "stop the pain" still reaches triage. "YES", which Twilio also treats as opt-in, is left
// out on purpose: it is the everyday answer to a yes/no question here.

export type SmsKeyword = 'opt_out' | 'opt_in' | 'help';

const KEYWORDS: Record<string, SmsKeyword> = {
  STOP: 'opt_out',
  STOPALL: 'opt_out',
  UNSUBSCRIBE: 'opt_out',
  CANCEL: 'opt_out',
  END: 'opt_out',
  QUIT: 'opt_out',
  START: 'opt_in',
  UNSTOP: 'opt_in',
  HELP: 'help',
  INFO: 'help',
};

export function smsKeyword(body: string): SmsKeyword | undefined {
  const word = body.trim().replace(/[.!]+$/, '').toUpperCase();
  return KEYWORDS[word];
}

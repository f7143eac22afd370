// One inbound text message, after its signature and MessageSid have been checked: the carrier
// keywords (STOP, START, HELP) are answered here; anything else runs through the one bot, like web
// chat, and the replies are fitted to SMS. A number that sent STOP gets no answer but an emergency
// one until it sends START.
import type { Activity } from 'botbuilder';
import { conversationKey } from '../../bot/conversation-key';
import { detectLanguage, languageCues } from '../../bot/language';
import { toStoredActivity } from '../../bot/transcript-middleware';
import type { Services } from '../../services';
import type { Language } from '../../triage/types';
import { lastBotChoices, resolveNumberedReply } from './choices';
import { smsKeyword, type SmsKeyword } from './keywords';
import { renderSmsReply, type RenderedSms } from './render';
import { countSegments, toGsmFriendly } from './segments';
import { SMS_CHANNEL, smsConversationId, type SmsStores } from './stores';

export interface InboundSms {
  messageSid: string;
  from: string;
  body: string;
}

/** How far back to look for the question a numbered answer refers to. */
const RECENT_ACTIVITIES = 12;

export type SmsTurnDeps = Pick<Services, 'cipher' | 'repos' | 'runtime' | 'i18n' | 'clinic' | 'logger'>;

/** Returns the SMS text to answer with ('' = no answer, e.g. while a nurse holds the conversation). */
export async function handleInboundSms(deps: SmsTurnDeps, stores: SmsStores, sms: InboundSms, phoneHash: string): Promise<string> {
  const channelConversationId = smsConversationId(phoneHash);
  const key = conversationKey({ channelId: SMS_CHANNEL, conversation: { id: channelConversationId, isGroup: false, conversationType: 'personal', name: '' } });
  const existing = await deps.repos.conversations.get(key);
  await deps.repos.conversations.touch(key, SMS_CHANNEL, { address: sms.from, userHash: phoneHash });

  const body = sms.body.trim();
  // An empty body (or a picture without text) gets the help text: there is nothing to triage.
  const keyword: SmsKeyword | undefined = body ? smsKeyword(body) : 'help';
  const base: Partial<Activity> = {
    type: 'message',
    id: sms.messageSid,
    channelId: SMS_CHANNEL,
    conversation: { id: channelConversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: channelConversationId, name: '', role: 'user' },
    recipient: { id: 'clinic', name: deps.clinic.name, role: 'bot' },
    timestamp: new Date(),
  };

  if (keyword) {
    const lang = existing?.language ?? deps.clinic.defaultLanguage;
    const reply = await answerKeyword(deps, stores, keyword, phoneHash, lang);
    await deps.repos.transcripts.append(key, [
      toStoredActivity({ ...base, text: body, channelData: { sms: { keyword } } }, 'user'),
      toStoredActivity({ ...base, id: undefined, from: base.recipient, recipient: base.from, text: reply, channelData: { sms: { keyword } } }, 'bot'),
    ]);
    logTurn(deps, { text: reply, segments: countSegments(reply).segments, overBudget: false }, keyword);
    return reply;
  }

  const recent = await recentActivities(deps, key);
  const { text, choiceIndex } = resolveNumberedReply(body, lastBotChoices(recent));
  // SMS carries no locale: the language detected in the text, else the conversation's. It is passed
  // as the activity's locale so the bot and this renderer agree on it.
  // The clinic default is not pinned, so a later message can still be detected.
  const known = [detectLanguage(text, languageCues(deps.i18n), existing?.language !== undefined), existing?.language].find((l): l is Language => l !== undefined && deps.clinic.languages.includes(l));
  const lang = known ?? deps.clinic.defaultLanguage;
  // After STOP only an emergency answer (and HELP, START) is sent: the message is still recorded
  // and read, so the emergency gate runs on it.
  const optedOut = await stores.optOuts.isOptedOut(phoneHash);
  const replies = await deps.runtime.runTurn(
    {
      ...base,
      text,
      locale: known,
      channelData: choiceIndex === undefined ? undefined : { sms: { choiceNumber: choiceIndex + 1 } },
    },
    { quiet: optedOut },
  );
  const rendered = renderSmsReply(replies, { t: deps.i18n.t(lang), vars: smsVars(deps) });
  logTurn(deps, rendered);
  return rendered.text;
}

async function answerKeyword(deps: SmsTurnDeps, stores: SmsStores, keyword: SmsKeyword, phoneHash: string, lang: Language): Promise<string> {
  const t = deps.i18n.t(lang);
  const vars = smsVars(deps);
  switch (keyword) {
    case 'opt_out':
      await stores.optOuts.set(phoneHash, true);
      return toGsmFriendly(t('sms:optedOut', vars));
    case 'opt_in':
      await stores.optOuts.set(phoneHash, false);
      return toGsmFriendly(t('sms:optedIn', vars));
    case 'help':
      return toGsmFriendly(t('sms:help', vars));
  }
}

async function recentActivities(deps: SmsTurnDeps, key: string): ReturnType<Services['repos']['transcripts']['since']> {
  const last = await deps.repos.transcripts.lastSeq(key);
  return deps.repos.transcripts.since(key, Math.max(0, last - RECENT_ACTIVITIES));
}

function logTurn(deps: SmsTurnDeps, rendered: RenderedSms, keyword?: SmsKeyword): void {
  const { encoding } = countSegments(rendered.text);
  // Sizes only, never the text.
  deps.logger.info({ keyword, segments: rendered.segments, encoding, overBudget: rendered.overBudget || undefined }, 'sms reply');
}

function smsVars(deps: SmsTurnDeps): Record<string, string> {
  const c = deps.clinic;
  return { clinicName: c.name, clinicPhone: c.phone, emergencyNumber: c.emergencyNumber, crisisLine: c.crisisLine };
}

import type { ChargerFrameView } from '@wattsup/contracts';
import type { Language } from '../lib/i18n';

export interface FrameSummary {
  /** OCPP-J message type: CALL (2), CALLRESULT (3), CALLERROR (4). */
  type: 'CALL' | 'CALLRESULT' | 'CALLERROR' | 'UNREADABLE';
  messageId: string | null;
  /** The action of a call, or of the call a result or error answers when it is in the list. */
  action: string | null;
}

const MESSAGE_TYPES = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' } as const;

function summarize(text: string): FrameSummary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || !(parsed[0] in MESSAGE_TYPES) || typeof parsed[1] !== 'string')
    return { type: 'UNREADABLE', messageId: null, action: null };
  const type = MESSAGE_TYPES[parsed[0] as keyof typeof MESSAGE_TYPES];
  const action = type === 'CALL' && typeof parsed[2] === 'string' ? parsed[2] : null;
  return { type, messageId: parsed[1], action };
}

/**
 * What each frame is (OCPP-J §4: `[2, id, action, payload]`, `[3, id, payload]`,
 * `[4, id, code, description, details]`), answers named after the call they answer.
 */
export function summarizeFrames(frames: readonly ChargerFrameView[]): FrameSummary[] {
  const summaries = frames.map((logged) => summarize(logged.frame));
  const callActions = new Map<string, string>();
  summaries.forEach((summary, index) => {
    if (summary.type === 'CALL' && summary.action)
      callActions.set(`${frames[index].direction}:${summary.messageId}`, summary.action);
  });
  return summaries.map((summary, index) => {
    if (summary.type !== 'CALLRESULT' && summary.type !== 'CALLERROR') return summary;
    // An answer travels the other way from its call, with the same message id.
    const callDirection = frames[index].direction === 'in' ? 'out' : 'in';
    return { ...summary, action: callActions.get(`${callDirection}:${summary.messageId}`) ?? null };
  });
}

const frameTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  fr: new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
};

/** `14:32:07` in the viewer's time zone and language: frames come seconds apart. */
export const formatFrameTime = (iso: string, language: Language = 'en'): string =>
  frameTimeFormats[language].format(new Date(iso));

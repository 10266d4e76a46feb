import { translator, type Language, type MessageKey } from './i18n';

/** Why a request failed, as the hub states it (`ApiError.code`, `details`) or the web app. */
export interface ApiErrorReason {
  code: string;
  details?: Record<string, unknown>;
}

/** Codes the web app gives the failures it sees itself, next to the hub's own codes. */
export const WEB_ERROR_CODES = {
  /** No answer at all: offline, DNS, the hub down. */
  unreachable: 'WEB_UNREACHABLE',
  /** An answer that is not the hub's JSON error (a proxy's page): `details.answer`. */
  unexpectedAnswer: 'WEB_UNEXPECTED_ANSWER',
} as const;

const text = (details: Record<string, unknown> | undefined, name: string): string | undefined =>
  typeof details?.[name] === 'string' ? details[name] : undefined;

/** `details[name]` as a key of `keys`, when it is one; the wire may carry anything. */
function pick(
  keys: Record<string, MessageKey>,
  details: Record<string, unknown> | undefined,
  name: string,
): MessageKey | undefined {
  const value = text(details, name);
  return value !== undefined && Object.hasOwn(keys, value) ? keys[value] : undefined;
}

/** Terminal statuses that refuse a reservation (RESERVATION_ERROR_CODES: NOT_AVAILABLE). */
const NOT_AVAILABLE: Record<string, MessageKey> = {
  OCCUPIED: 'apiError.notAvailable.OCCUPIED',
  RESERVED: 'apiError.notAvailable.RESERVED',
  UNAVAILABLE: 'apiError.notAvailable.UNAVAILABLE',
  FAULTED: 'apiError.notAvailable.FAULTED',
  OFFLINE: 'apiError.notAvailable.OFFLINE',
  UNKNOWN: 'apiError.notAvailable.UNKNOWN',
};

/** OCPP ReserveNow answers (1.6 ReservationStatus, 2.0.1 ReserveNowStatusEnumType). */
const CHARGER_REFUSED: Record<string, MessageKey> = {
  Occupied: 'apiError.chargerRefused.Occupied',
  Faulted: 'apiError.chargerRefused.Faulted',
  Unavailable: 'apiError.chargerRefused.Unavailable',
};

const ENDED_STATUSES: Record<string, MessageKey> = {
  COMPLETED: 'reservationStatus.COMPLETED',
  EXPIRED: 'reservationStatus.EXPIRED',
  CANCELLED: 'reservationStatus.CANCELLED',
  INTERRUPTED: 'reservationStatus.INTERRUPTED',
  REJECTED: 'reservationStatus.REJECTED',
};

const clockFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }),
  fr: new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }),
};

/**
 * The sentence for a known code in `language`, the hub's parameters (station, end time…) in it
 * when `details` has them; null for a code the web app does not know.
 */
export function reasonText(reason: ApiErrorReason, language: Language): string | null {
  const t = translator(language);
  const { code, details } = reason;
  switch (code) {
    case 'TERMINAL_TAKEN':
      return t('apiError.terminalTaken');
    case 'ALREADY_HOLDING': {
      const station = text(details, 'stationName');
      const status = text(details, 'status');
      const expiresAt = new Date(text(details, 'expiresAt') ?? NaN);
      if (station === undefined) return t('apiError.alreadyHolding');
      if (status === 'IN_USE') return t('apiError.alreadyHolding.charging', { station });
      if (status === 'PENDING') return t('apiError.alreadyHolding.confirming', { station });
      if (Number.isNaN(expiresAt.getTime())) return t('apiError.alreadyHolding.at', { station });
      const time = clockFormats[language].format(expiresAt);
      return t('apiError.alreadyHolding.until', { station, time });
    }
    case 'NOT_AVAILABLE':
      return t(pick(NOT_AVAILABLE, details, 'status') ?? 'apiError.notAvailable');
    case 'CHARGER_OFFLINE':
      return t('apiError.chargerOffline');
    case 'NO_LIVE_CONNECTION':
      return t('apiError.noLiveConnection');
    case 'CHARGER_REFUSED':
      return t(pick(CHARGER_REFUSED, details, 'answer') ?? 'apiError.chargerRefused');
    case 'CHARGER_NOT_CONFIRMED':
      return t('apiError.chargerNotConfirmed');
    case 'CANNOT_CANCEL': {
      const status = text(details, 'status');
      if (status === 'IN_USE') return t('apiError.cannotCancel.charging');
      if (status === 'PENDING') return t('apiError.cannotCancel.confirming');
      const ended = pick(ENDED_STATUSES, details, 'status');
      return ended
        ? t('apiError.cannotCancel.ended', { status: t(ended).toLocaleLowerCase(language) })
        : t('apiError.cannotCancel');
    }
    case 'CANNOT_MOVE':
      return t('apiError.cannotMove');
    case WEB_ERROR_CODES.unreachable:
      return t('apiError.unreachable');
    case WEB_ERROR_CODES.unexpectedAnswer:
      return t('apiError.unexpectedAnswer', { answer: text(details, 'answer') ?? '?' });
    default:
      return null;
  }
}

/**
 * What to tell the user about a failed request: in English the hub's own message (the reference
 * text, with its own clock times); in another language the text of a known code, else the
 * hub's message as it is, rather than nothing.
 */
export function apiErrorText(
  error: { message: string; reason?: ApiErrorReason },
  language: Language,
): string {
  if (language === 'en' || !error.reason) return error.message;
  return reasonText(error.reason, language) ?? error.message;
}

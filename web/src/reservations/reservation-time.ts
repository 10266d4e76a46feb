import { english, formatOneDecimal, type Language, type Translate } from '../lib/i18n';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A duration as a clock reads it: `4:07`, `29:59`, `1:02:03`. Negative durations read `0:00`;
 * seconds are rounded down, so a countdown shows `0:00` only once the time is up.
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/**
 * A duration in words for screen readers and sentences: `29 min`, `1 h 05 min`, `less than 1 min`
 * (or as `t` says it).
 */
export function formatDurationWords(ms: number, t: Translate = english): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (totalMinutes === 0) return t('duration.lessThanMinute');
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return hours > 0
    ? t('duration.hoursMinutes', { hours, minutes: pad(minutes) })
    : t('duration.minutes', { minutes });
}

/** A hold's length as the reserve dialog states it: `30 minutes`, `1 minute`, `45 seconds`. */
export function formatHoldLength(holdSeconds: number, t: Translate = english): string {
  if (holdSeconds < 60)
    return t(holdSeconds === 1 ? 'hold.second' : 'hold.seconds', { n: holdSeconds });
  const minutes = Math.round(holdSeconds / 60);
  return t(minutes === 1 ? 'hold.minute' : 'hold.minutes', { n: minutes });
}

const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dateTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }),
  fr: new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }),
};

/** `14:32` in the viewer's time zone. */
export const formatClockTime = (iso: string): string => clockFormat.format(new Date(iso));

/** `22 Nov, 14:32` (`22 nov., 14:32` in French) in the viewer's time zone. */
export const formatDateTime = (iso: string, language: Language = 'en'): string =>
  dateTimeFormats[language].format(new Date(iso));

const euroFormats: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }),
  fr: new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR' }),
};

/** `12.5 kWh`; `12,5 kWh` in French. */
export const formatEnergyKwh = (kwh: number, language: Language = 'en'): string =>
  `${formatOneDecimal(kwh, language)} kWh`;

/** `€4.20`; `4,20 €` in French. */
export const formatEuros = (euros: number, language: Language = 'en'): string =>
  euroFormats[language].format(euros);

/** `350 m`, `1.9 km`; `1,9 km` in French. */
export function formatDistance(meters: number, language: Language = 'en'): string {
  return meters < 1000
    ? `${Math.round(meters)} m`
    : `${formatOneDecimal(meters / 1000, language)} km`;
}

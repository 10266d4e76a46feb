import { adminEn, type AdminMessageKey } from '../admin/messages-admin-en';
import { adminFr } from '../admin/messages-admin-fr';
import { en, type MessageKey as DriverMessageKey } from './messages-en';
import { fr } from './messages-fr';

export type { AdminMessageKey, DriverMessageKey };
/** A text of the driver's screens, or of the fleet console (`admin.…`). */
export type MessageKey = DriverMessageKey | AdminMessageKey;
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageParams = Record<string, string | number>;
/** Gives the text of a key in one language; what pure helpers take to speak the reader's. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Both dictionaries of each language; the console's keys all start with `admin.`. */
export const MESSAGES: Record<Language, Record<MessageKey, string>> = {
  en: { ...en, ...adminEn },
  fr: { ...fr, ...adminFr },
};

const isLanguage = (value: string | null): value is Language =>
  (LANGUAGES as readonly (string | null)[]).includes(value);

/**
 * The language to show: the one the driver picked (kept in storage), else French for a browser
 * set to French (`fr`, `fr-FR`, `fr-CA`…), else English.
 */
export function chooseLanguage(
  stored: string | null,
  browserLanguage: string | undefined,
): Language {
  if (isLanguage(stored)) return stored;
  return browserLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** `{name}` in the template replaced by `params.name`; a placeholder without a value stays. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(language: Language): Translate {
  const messages = MESSAGES[language];
  return (key, params) => interpolate(messages[key], params);
}

export const english: Translate = translator('en');

/** Numbers written as the language writes them (`1,234` / `1 234`). */
export const formatCount = (count: number, language: Language): string =>
  count.toLocaleString(language);

const oneDecimalFormats: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 1 }),
  fr: new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }),
};

/** A number to at most one decimal, with the language's decimal mark: `7.4` / `7,4`. */
export const formatOneDecimal = (value: number, language: Language = 'en'): string =>
  oneDecimalFormats[language].format(value);

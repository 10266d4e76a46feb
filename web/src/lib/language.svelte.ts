import { chooseLanguage, translator, type Language, type Translate } from './i18n';

export const LANGUAGE_STORAGE_KEY = 'wattsup:language';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage refused (private mode, policy): the browser's language decides.
    return null;
  }
}

/** The language shown; components that call `t` follow it. */
export const language: { current: Language } = $state({
  current: chooseLanguage(storedLanguage(), navigator.language),
});
document.documentElement.lang = language.current;

/** The text of `key` in the language shown, `{name}` replaced by `params.name`. */
export const t: Translate = (key, params) => translator(language.current)(key, params);

export function setLanguage(next: Language): void {
  language.current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
  } catch {
    // Kept for this visit only.
  }
}

import type { ImportPolicy, ImportView } from '@wattsup/contracts';
import { answerError, unreachableHub } from '../lib/http';
import type { Language } from '../lib/i18n';

/** Units of 1024, as the hub's own 413 message counts its limit (`IMPORT_MAX_UPLOAD_BYTES`). */
const UNITS: Record<Language, readonly string[]> = {
  en: ['B', 'KB', 'MB', 'GB'],
  fr: ['o', 'Ko', 'Mo', 'Go'],
};

const sizeFormats: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 1 }),
  fr: new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }),
};

/** A file size as a person reads it: `512 B`, `2.4 MB` / `2,4 Mo`. */
export function formatBytes(bytes: number, language: Language): string {
  const units = UNITS[language];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (unit < units.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${sizeFormats[language].format(unit === 0 ? Math.round(value) : value)} ${units[unit]}`;
}

/** A file the hub would refuse with 413, so it is not sent at all. */
export interface TooLarge {
  /** The file's size and the hub's limit, written so that they read differently. */
  size: string;
  limit: string;
}

/**
 * Whether a file of `fileBytes` may be sent to a hub with `policy`; without a policy (it could not
 * be read) the hub's own check decides. The limit is inclusive, as multer's `fileSize`.
 */
export function checkUploadSize(
  fileBytes: number,
  policy: Pick<ImportPolicy, 'maxUploadBytes'> | null,
  language: Language,
): TooLarge | null {
  if (!policy || fileBytes <= policy.maxUploadBytes) return null;
  const size = formatBytes(fileBytes, language);
  const limit = formatBytes(policy.maxUploadBytes, language);
  if (size !== limit) return { size, limit };
  // 2,049 bytes over a limit of 2,000 both read "2 KB": the exact counts say why.
  const bytes = (count: number) => `${count.toLocaleString(language)} ${UNITS[language][0]}`;
  return { size: bytes(fileBytes), limit: bytes(policy.maxUploadBytes) };
}

/** Share of an upload sent, for a progress bar and its text: `42 %`. */
export function uploadFraction(sent: number, total: number): number {
  return total > 0 ? Math.min(1, Math.max(0, sent / total)) : 0;
}

/**
 * The hub's answer to an upload sent with XMLHttpRequest (for its upload progress, which `fetch`
 * does not give): the import on 202, else the same `ApiRequestError` as `apiRequest` throws, so
 * `errorMessage` shows the hub's message (415, 400, 413) word for word.
 */
export function readUploadAnswer(status: number, statusText: string, text: string): ImportView {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300 && typeof body === 'object' && body !== null) {
    return body as ImportView;
  }
  if (status === 0) throw unreachableHub();
  throw answerError(status, statusText, body);
}

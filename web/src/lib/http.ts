import type { ApiError } from '@wattsup/contracts';
import { apiErrorText, WEB_ERROR_CODES, type ApiErrorReason } from './api-errors';
import { LANGUAGES, translator, type Language } from './i18n';

/**
 * A failed hub request, carrying the hub's own `message` (English) and, when it gave one, its
 * stable `code` and `details`, from which `errorMessage` speaks the user's language.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: ApiErrorReason,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  signal?: AbortSignal;
}

const isApiError = (body: unknown): body is ApiError =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Partial<ApiError>).message === 'string';

/** Requests that start or end a session: a 401 there is the answer, not an expired token. */
const SESSION_PATHS = new Set(['/auth/login', '/auth/register', '/auth/refresh', '/auth/logout']);

let renewal: Promise<boolean> | null = null;
const renewalListeners = new Set<() => void>();

/** Calls `listener` after each renewed session; returns the function that stops it. */
export function onSessionRenewed(listener: () => void): () => void {
  renewalListeners.add(listener);
  return () => renewalListeners.delete(listener);
}

/**
 * Trades the refresh cookie for a new access cookie (which lives minutes, less than a
 * reservation). One renewal at a time: the hub revokes the whole session when one refresh token
 * is presented twice.
 */
function renewSession(): Promise<boolean> {
  renewal ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  })
    .then(
      (response) => {
        if (response.ok) renewalListeners.forEach((listener) => listener());
        return response.ok;
      },
      () => false,
    )
    .finally(() => (renewal = null));
  return renewal;
}

/**
 * JSON request to the hub under `/api/v1`, with the session cookie. A request refused because
 * the access token expired is sent again once the session is renewed.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const send = () =>
    fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });

  let response: Response;
  try {
    response = await send();
    if (response.status === 401 && !SESSION_PATHS.has(path) && (await renewSession()))
      response = await send();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreachableHub();
  }

  let body: unknown;
  if (response.status !== 204) {
    try {
      body = await response.json();
    } catch (error) {
      // Aborted while the body was read: the caller must not take an empty answer for one.
      if (options.signal?.aborted) throw error;
    }
  }
  if (!response.ok) throw answerError(response.status, response.statusText, body);
  return body as T;
}

/**
 * Renews an expired access cookie, if need be, before the browser sends the cookie by itself (a
 * download link): the hub would answer such a request 401, and the browser save that answer.
 */
export async function ensureSession(): Promise<void> {
  await apiRequest('/auth/me');
}

/** The hub could not be reached at all (no answer). */
export function unreachableHub(): ApiRequestError {
  return new ApiRequestError(0, 'The Watts Up hub cannot be reached. Check your connection.', {
    code: WEB_ERROR_CODES.unreachable,
  });
}

/**
 * What a refused answer means: the hub's own error (message, code, details), or, for an answer
 * that is not the hub's (a proxy's page, say), its status line.
 */
export function answerError(status: number, statusText: string, body: unknown): ApiRequestError {
  if (isApiError(body)) {
    const reason = body.code ? { code: body.code, details: body.details } : undefined;
    return new ApiRequestError(status, body.message, reason);
  }
  const answer = `${status} ${statusText}`.trim();
  return new ApiRequestError(status, `The hub answered ${answer}`, {
    code: WEB_ERROR_CODES.unexpectedAnswer,
    details: { answer },
  });
}

/** The language the page is shown in: language.svelte.ts keeps `<html lang>` on it. */
function pageLanguage(): Language {
  const lang = typeof document === 'undefined' ? undefined : document.documentElement.lang;
  return LANGUAGES.find((language) => language === lang) ?? 'en';
}

/** What a toast says about `error`, in the page's language where the web app knows the words. */
export function errorMessage(error: unknown, language: Language = pageLanguage()): string {
  if (error instanceof ApiRequestError) return apiErrorText(error, language);
  return error instanceof Error ? error.message : translator(language)('common.error');
}

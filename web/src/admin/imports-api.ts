import type {
  ImportPolicy,
  ImportRejectView,
  ImportReportPage,
  ImportView,
} from '@wattsup/contracts';
import { apiRequest, ensureSession } from '../lib/http';
import { readUploadAnswer } from './import-upload';

const importPath = (id: string) => `/admin/imports/${encodeURIComponent(id)}`;

/** The 50 most recent imports, newest first. */
export function fetchImports(): Promise<ImportView[]> {
  return apiRequest('/admin/imports');
}

/** The hub's upload limit, to refuse a file before sending it. */
export function fetchImportPolicy(): Promise<ImportPolicy> {
  return apiRequest('/admin/imports/policy');
}

/** One page of an import's rejected rows, by line. */
export function fetchImportRejects(
  id: string,
  offset: number,
  limit: number,
): Promise<ImportReportPage<ImportRejectView>> {
  return apiRequest(`${importPath(id)}/rejects?limit=${limit}&offset=${offset}`);
}

/** Where the browser downloads all of an import's rejected rows as CSV (the session cookie goes with it). */
export const importRejectsCsvHref = (id: string): string =>
  `/api/v1${importPath(id)}/rejects?format=csv`;

export interface UploadOptions {
  prune: boolean;
  /** Rows per transaction; the hub's default when absent. */
  batchSize?: number;
  /** Bytes sent so far, of `total`. */
  onprogress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

function send(
  file: File,
  options: UploadOptions,
): Promise<{ status: number; text: string; statusText: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const form = new FormData();
    // The text fields first, so the hub has them whatever the size of the file after them.
    form.append('prune', String(options.prune));
    if (options.batchSize !== undefined) form.append('batchSize', String(options.batchSize));
    form.append('file', file, file.name);
    request.open('POST', '/api/v1/admin/imports');
    request.setRequestHeader('accept', 'application/json');
    request.withCredentials = true;
    request.upload.onprogress = (event) =>
      options.onprogress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () =>
      resolve({
        status: request.status,
        statusText: request.statusText,
        text: request.responseText,
      });
    // No answer at all (status 0): readUploadAnswer calls the hub unreachable.
    request.onerror = () => resolve({ status: 0, statusText: '', text: '' });
    const abort = () => request.abort();
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    options.signal?.addEventListener('abort', abort, { once: true });
    request.onloadend = () => options.signal?.removeEventListener('abort', abort);
    if (options.signal?.aborted) abort();
    else request.send(form);
  });
}

/**
 * Uploads an IRVE CSV (`POST /admin/imports`, multipart) and resolves with the queued import.
 * XMLHttpRequest rather than `apiRequest`, for the upload's progress; a session expired meanwhile
 * is renewed before the file is sent once more.
 */
export async function uploadImport(file: File, options: UploadOptions): Promise<ImportView> {
  let answer = await send(file, options);
  if (answer.status === 401) {
    await ensureSession();
    answer = await send(file, options);
  }
  return readUploadAnswer(answer.status, answer.statusText, answer.text);
}

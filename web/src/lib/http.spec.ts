import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ApiRequestError, apiRequest, errorMessage, onSessionRenewed } from './http';

type Answer = { status: number; body?: unknown };

/** A hub that answers each path from a queue of answers, recording every request. */
function fakeHub(answers: Record<string, Answer[]>) {
  const requests: string[] = [];
  const fetchMock = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url);
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    const answer = answers[path]?.shift();
    if (!answer) throw new Error(`unexpected request ${path}`);
    // Answers to concurrent requests arrive later, as over a network.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new Response(JSON.stringify(answer.body ?? {}), { status: answer.status });
  });
  globalThis.fetch = fetchMock as typeof fetch;
  return requests;
}

const expired = { status: 401, body: { statusCode: 401, message: 'Sign in again.' } };

describe('apiRequest', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('renews an expired session once and sends the request again', async () => {
    const requests = fakeHub({
      '/api/v1/reservations/mine': [expired, { status: 200, body: [] }],
      '/api/v1/auth/refresh': [{ status: 200 }],
    });
    await expect(apiRequest('/reservations/mine')).resolves.toEqual([]);
    expect(requests).toEqual([
      'GET /api/v1/reservations/mine',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/reservations/mine',
    ]);
  });

  it('renews once for concurrent requests: the hub revokes a refresh token used twice', async () => {
    const requests = fakeHub({
      '/api/v1/reservations/mine': [expired, { status: 200, body: [] }],
      '/api/v1/auth/me': [expired, { status: 200, body: { id: 'u' } }],
      '/api/v1/auth/refresh': [{ status: 200 }],
    });
    let renewals = 0;
    const stop = onSessionRenewed(() => renewals++);
    await Promise.all([apiRequest('/reservations/mine'), apiRequest('/auth/me')]);
    stop();
    expect(requests.filter((request) => request.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(renewals).toBe(1);
  });

  it('gives up with the hub’s message when the session cannot be renewed', async () => {
    fakeHub({
      '/api/v1/reservations': [expired],
      '/api/v1/auth/refresh': [{ status: 401, body: { message: 'Session ended.' } }],
    });
    const failure = apiRequest('/reservations', { method: 'POST', body: { terminalId: 't' } });
    await expect(failure).rejects.toEqual(new ApiRequestError(401, 'Sign in again.'));
  });

  it('does not renew on a failed sign-in', async () => {
    const requests = fakeHub({ '/api/v1/auth/login': [expired] });
    await expect(apiRequest('/auth/login', { method: 'POST', body: {} })).rejects.toBeInstanceOf(
      ApiRequestError,
    );
    expect(requests).toEqual(['POST /api/v1/auth/login']);
  });

  it('passes a 409 message on verbatim', async () => {
    fakeHub({
      '/api/v1/reservations': [
        { status: 409, body: { message: 'This charge point was just reserved by someone else.' } },
      ],
    });
    await expect(apiRequest('/reservations', { method: 'POST', body: {} })).rejects.toEqual(
      new ApiRequestError(409, 'This charge point was just reserved by someone else.'),
    );
  });

  it('keeps the hub’s code and details, from which a French toast is worded', async () => {
    const details = { stationName: 'Gare', status: 'IN_USE' };
    fakeHub({
      '/api/v1/reservations': [
        {
          status: 409,
          body: {
            statusCode: 409,
            message: 'You are already charging at Gare.',
            code: 'ALREADY_HOLDING',
            details,
          },
        },
      ],
    });
    const failure = await apiRequest('/reservations', { method: 'POST', body: {} }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ status: 409, reason: { code: 'ALREADY_HOLDING', details } });
    expect(errorMessage(failure, 'en')).toBe('You are already charging at Gare.');
    expect(errorMessage(failure, 'fr')).toBe('Vous êtes déjà en charge à Gare.');
  });

  it('words an unreachable hub, and an answer that is not the hub’s, in French too', async () => {
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const offline = await apiRequest('/stations/x').catch((error: unknown) => error);
    expect(errorMessage(offline, 'fr')).toBe(
      'Le hub Watts Up est injoignable. Vérifiez votre connexion.',
    );
    globalThis.fetch = (async () =>
      new Response('<html>', { status: 502, statusText: 'Bad Gateway' })) as typeof fetch;
    const proxied = await apiRequest('/stations/x').catch((error: unknown) => error);
    expect(errorMessage(proxied, 'en')).toBe('The hub answered 502 Bad Gateway');
    expect(errorMessage(proxied, 'fr')).toBe('Le hub a répondu 502 Bad Gateway.');
    expect(errorMessage('not an error', 'fr')).toBe('Une erreur s’est produite.');
  });

  it('rejects a request aborted while its body is read, rather than answering nothing', async () => {
    const request = new AbortController();
    globalThis.fetch = (async () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          // The rest never comes: the caller aborts first.
          request.signal.addEventListener('abort', () =>
            controller.error(new DOMException('aborted', 'AbortError')),
          );
        },
      });
      return new Response(body, { status: 200 });
    }) as typeof fetch;
    const answer = apiRequest('/stations/x', { signal: request.signal });
    setTimeout(() => request.abort(), 5);
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
  });
});

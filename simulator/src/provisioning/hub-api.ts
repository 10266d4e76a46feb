import { z } from 'zod';

export class HubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const errorBody = z.object({ message: z.union([z.string(), z.array(z.string())]) });
const ACCESS_COOKIE = 'wattsup_access';
/** A hub that does not answer in this time is treated as unreachable for that request. */
const REQUEST_TIMEOUT_MS = 30_000;
const REFRESH_COOKIE = 'wattsup_refresh';

/**
 * The hub's REST API as one signed-in user: the session is the hub's httpOnly access cookie, kept
 * here like a browser keeps it. Every answer is checked against a zod schema before use.
 */
export class HubApi {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    await this.signIn('/api/v1/auth/login', { email, password }, `signing in as ${email}`);
  }

  /** Creates a driver account and signs in; false when the email is taken (409). */
  async register(email: string, password: string): Promise<boolean> {
    try {
      await this.signIn('/api/v1/auth/register', { email, password }, `registering ${email}`);
      return true;
    } catch (error) {
      if (error instanceof HubApiError && error.status === 409) return false;
      throw error;
    }
  }

  private async signIn(path: string, body: unknown, what: string): Promise<void> {
    const response = await this.fetch('POST', path, body);
    if (!response.ok) {
      throw new HubApiError(
        response.status,
        `${what} at ${this.baseUrl} failed: ${await failure(response)}`,
      );
    }
    this.keepCookies(response);
    if (!this.cookies.has(ACCESS_COOKIE))
      throw new HubApiError(500, 'the hub set no session cookie');
  }

  /** The access cookie lives 15 minutes; the refresh cookie renews it (not rate-limited). */
  private async refresh(): Promise<boolean> {
    if (!this.cookies.has(REFRESH_COOKIE)) return false;
    const response = await this.fetch('POST', '/api/v1/auth/refresh', undefined);
    if (!response.ok) return false;
    this.keepCookies(response);
    return true;
  }

  private keepCookies(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (name === ACCESS_COOKIE || name === REFRESH_COOKIE) this.cookies.set(name, pair);
    }
  }

  get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    return this.request('GET', path, undefined, schema);
  }

  post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return this.request('POST', path, body, schema);
  }

  private async request<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    let response = await this.fetch(method, path, body);
    if (response.status === 401 && (await this.refresh())) {
      response = await this.fetch(method, path, body);
    }
    if (!response.ok) {
      throw new HubApiError(response.status, `${method} ${path}: ${await failure(response)}`);
    }
    const parsed = schema.safeParse(response.status === 204 ? {} : await response.json());
    if (!parsed.success) {
      throw new HubApiError(502, `${method} ${path}: unexpected answer: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  private async fetch(method: string, path: string, body: unknown): Promise<Response> {
    try {
      return await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.cookies.size > 0 ? { cookie: [...this.cookies.values()].join('; ') } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new HubApiError(0, `cannot reach the hub at ${this.baseUrl}: ${cause}`);
    }
  }
}

async function failure(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const { message } = errorBody.parse(JSON.parse(text));
    return `${response.status} ${Array.isArray(message) ? message.join('; ') : message}`;
  } catch {
    return `${response.status} ${text.slice(0, 200)}`;
  }
}

import type { LoginRequest, RegisterRequest, UserView } from '@wattsup/contracts';
import { ApiRequestError, apiRequest } from '../lib/http';

const isSignedOut = (error: unknown) =>
  error instanceof ApiRequestError && error.status >= 400 && error.status < 500;

/** The signed-in user, or null. An expired access token is renewed by `apiRequest`. */
export async function fetchCurrentUser(): Promise<UserView | null> {
  try {
    return await apiRequest<UserView>('/auth/me');
  } catch (error) {
    if (isSignedOut(error)) return null;
    throw error;
  }
}

/** Signs in: the hub sets the session cookies and answers with the user. */
export function login(credentials: LoginRequest): Promise<UserView> {
  return apiRequest('/auth/login', { method: 'POST', body: credentials });
}

/** Creates the account and signs it in. */
export function register(request: RegisterRequest): Promise<UserView> {
  return apiRequest('/auth/register', { method: 'POST', body: request });
}

export async function logout(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST' });
}

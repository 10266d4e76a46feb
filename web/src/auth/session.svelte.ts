import type { LoginRequest, RegisterRequest, UserView } from '@wattsup/contracts';
import * as authApi from './auth-api';

/** Who is signed in. `checked` stays false until the hub has answered once. */
export const session: { user: UserView | null; checked: boolean } = $state({
  user: null,
  checked: false,
});

export async function restoreSession(): Promise<void> {
  try {
    session.user = await authApi.fetchCurrentUser();
  } finally {
    session.checked = true;
  }
}

export async function signIn(credentials: LoginRequest): Promise<void> {
  session.user = await authApi.login(credentials);
}

export async function signUp(request: RegisterRequest): Promise<void> {
  session.user = await authApi.register(request);
}

export async function signOut(): Promise<void> {
  await authApi.logout();
  session.user = null;
}

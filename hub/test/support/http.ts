import request from 'supertest';

/** A supertest agent that keeps cookies, like a browser session. */
export function browserSession(url: string) {
  return request.agent(url);
}

/** Registers a driver through the API and returns the signed-in agent. */
export async function registeredDriver(
  url: string,
  email = `driver-${Math.random().toString(36).slice(2)}@wattsup.test`,
) {
  const agent = browserSession(url);
  const response = await agent
    .post('/api/v1/auth/register')
    .send({ email, password: 'correct horse battery' })
    .expect(201);
  return { agent, email, user: response.body as { id: string; email: string } };
}

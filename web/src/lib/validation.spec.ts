import { describe, expect, it } from '@jest/globals';
import { registerRequest } from '@wattsup/contracts';
import { validateRequest } from './validation';

describe('validateRequest', () => {
  it('returns the request as the contract normalises it', () => {
    expect(
      validateRequest(registerRequest, { email: 'Ada@Example.org', password: 'correct horse' }),
    ).toEqual({ email: 'ada@example.org', password: 'correct horse' });
  });

  it('names the first field that breaks the contract', () => {
    expect(() =>
      validateRequest(registerRequest, { email: 'ada@example.org', password: 'short' }),
    ).toThrow(/^password: /);
  });
});

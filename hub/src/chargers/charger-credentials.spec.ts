import {
  CHARGER_PASSWORD_MIN_LENGTH,
  generateChargerPassword,
  hashChargerPassword,
  verifyChargerPassword,
} from './charger-credentials';

describe('charger credentials', () => {
  it('generates long random passwords in the OCPP password alphabet', () => {
    const password = generateChargerPassword();
    expect(password.length).toBeGreaterThanOrEqual(CHARGER_PASSWORD_MIN_LENGTH);
    expect(password).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(generateChargerPassword()).not.toBe(password);
  });

  it('verifies the right password, as text or bytes, and nothing else', () => {
    const stored = hashChargerPassword('correct-charger-secret');
    expect(stored).not.toContain('correct-charger-secret');
    expect(verifyChargerPassword(stored, 'correct-charger-secret')).toBe(true);
    expect(verifyChargerPassword(stored, Buffer.from('correct-charger-secret'))).toBe(true);
    expect(verifyChargerPassword(stored, 'wrong-charger-secret!')).toBe(false);
    expect(verifyChargerPassword(stored, undefined)).toBe(false);
    expect(verifyChargerPassword(null, 'correct-charger-secret')).toBe(false);
    expect(verifyChargerPassword('garbage', 'correct-charger-secret')).toBe(false);
  });

  it('salts each hash', () => {
    expect(hashChargerPassword('same-password-twice')).not.toBe(
      hashChargerPassword('same-password-twice'),
    );
  });
});

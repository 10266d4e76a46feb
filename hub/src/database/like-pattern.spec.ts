import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it.each([
    ['lyon', '%lyon%'],
    ['50%_off', '%50\\%\\_off%'],
    ['a\\b', '%a\\\\b%'],
  ])('%s → %s', (text, pattern) => expect(containsPattern(text)).toBe(pattern));
});

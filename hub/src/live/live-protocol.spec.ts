import { readCookie } from './live-clients';
import { INVALID_MESSAGE, parseLiveMessage } from './routed-ws.adapter';

describe('parseLiveMessage', () => {
  it.each([
    ['{"type":"subscribe","bbox":[1,2,3,4]}', 'subscribe'],
    ['{"type":"unsubscribe"}', INVALID_MESSAGE],
    ['[1,2]', INVALID_MESSAGE],
    ['null', INVALID_MESSAGE],
    ['not json', INVALID_MESSAGE],
  ])('%s → %s', (raw, event) => {
    expect(parseLiveMessage(Buffer.from(raw)).event).toBe(event);
  });

  it('hands the whole message to the subscribe handler', () => {
    expect(parseLiveMessage('{"type":"subscribe","stationId":"x"}').data).toEqual({
      type: 'subscribe',
      stationId: 'x',
    });
  });
});

describe('readCookie', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['wattsup_access=abc', 'abc'],
    ['a=1; wattsup_access=a%20b; c=3', 'a b'],
    ['wattsup_access_x=1', undefined],
    ['wattsup_access=%E0%A4%A', undefined],
  ])('%j → %j', (header, expected) => {
    expect(readCookie(header, 'wattsup_access')).toBe(expected);
  });
});

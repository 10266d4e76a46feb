import { bboxParam, nearestStationsQuery, registerRequest } from './api';

describe('bbox parameter', () => {
  it('parses four ordered numbers', () => {
    expect(bboxParam.parse('1.3,43.5,1.5,43.7')).toEqual({
      minLon: 1.3,
      minLat: 43.5,
      maxLon: 1.5,
      maxLat: 43.7,
    });
  });

  it.each([
    ['1,2,3', 'four numbers'],
    ['a,b,c,d', 'four numbers'],
    ['1,,3,4', 'four numbers'],
    ['-200,0,1,1', 'outside WGS84'],
    ['2,2,1,3', 'smaller than'],
  ])('refuses %j with a clear message', (raw, message) => {
    const result = bboxParam.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain(message);
  });
});

describe('nearest query', () => {
  it('applies defaults and coerces strings', () => {
    expect(nearestStationsQuery.parse({ lat: '43.6', lon: '1.44', available: 'true' })).toEqual({
      lat: 43.6,
      lon: 1.44,
      limit: 10,
      available: true,
      maxDistanceKm: 100,
    });
  });

  it('refuses an unknown plug', () => {
    expect(nearestStationsQuery.safeParse({ lat: '1', lon: '1', plug: 'USB' }).success).toBe(false);
  });
});

describe('register request', () => {
  it('lower-cases the email', () => {
    expect(
      registerRequest.parse({ email: 'Ada@Example.org', password: 'long enough pass' }).email,
    ).toBe('ada@example.org');
  });
  it('refuses a short password', () => {
    expect(registerRequest.safeParse({ email: 'a@b.org', password: 'short' }).success).toBe(false);
  });
});

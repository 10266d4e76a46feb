import {
  bboxParam,
  nearestStationsQuery,
  registerRequest,
  stationFilterQuery,
  stationFilterQueryString,
} from './api';

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

describe('station filter', () => {
  it('reads plugs as a list in canonical order and booleans as flags', () => {
    expect(
      stationFilterQuery.parse({
        plug: 'CHADEMO, TYPE_2',
        minPowerKw: '50',
        available: 'true',
        pmr: '0',
        network: ' Tesla Supercharger ',
      }),
    ).toEqual({
      plug: ['TYPE_2', 'CHADEMO'],
      minPowerKw: 50,
      available: true,
      pmr: false,
      network: 'Tesla Supercharger',
    });
  });

  it.each([
    [{ plug: 'USB' }, 'plug must be among'],
    [{ minPowerKw: 'fast' }, 'number'],
    [{ free: 'yes' }, 'true or false'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses %j with a clear message', (query, message) => {
    const result = stationFilterQuery.safeParse(query);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });

  it('gives equal filters one query string, and none for a filter that filters nothing', () => {
    const one = stationFilterQuery.parse({ plug: 'CCS_COMBO,TYPE_2', available: 'true' });
    const other = stationFilterQuery.parse({ available: '1', plug: 'TYPE_2,CCS_COMBO', free: '0' });
    expect(stationFilterQueryString(one)).toBe('plug=TYPE_2%2CCCS_COMBO&available=true');
    expect(stationFilterQueryString(other)).toBe(stationFilterQueryString(one));
    expect(stationFilterQueryString({ minPowerKw: 0, plug: [], pmr: false, network: ' ' })).toBe(
      '',
    );
  });

  it('lets nearest take the same filters', () => {
    expect(
      nearestStationsQuery.parse({ lat: '1', lon: '2', plug: 'CCS_COMBO', network: 'Ionity' }),
    ).toMatchObject({ plug: ['CCS_COMBO'], network: 'Ionity' });
  });
});

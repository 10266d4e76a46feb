import { describe, expect, it } from '@jest/globals';
import {
  NO_RESERVATION_FILTERS,
  queryString,
  reservationsQuery,
  ticketsQuery,
} from './admin-query';

describe('queryString', () => {
  it('leaves out what is not set', () => {
    expect(queryString({ a: '', b: null, c: undefined, d: '  ' })).toBe('');
  });

  it('encodes what is set, trimmed', () => {
    expect(queryString({ status: 'OPEN', q: ' a&b ', limit: 0 })).toBe(
      '?status=OPEN&q=a%26b&limit=0',
    );
  });
});

describe('reservationsQuery', () => {
  it('asks for the first page with no filter', () => {
    expect(reservationsQuery(NO_RESERVATION_FILTERS, 0)).toBe('?limit=50&offset=0');
  });

  it('turns days into the start of the first and the end of the last, in local time', () => {
    const query = new URLSearchParams(
      reservationsQuery(
        {
          ...NO_RESERVATION_FILTERS,
          status: 'ACTIVE',
          stationId: '6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10',
          fromDay: '2026-11-20',
          toDay: '2026-11-22',
        },
        2,
      ).slice(1),
    );
    expect(query.get('status')).toBe('ACTIVE');
    expect(query.get('stationId')).toBe('6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10');
    expect(query.get('from')).toBe(new Date(2026, 10, 20).toISOString());
    expect(query.get('to')).toBe(new Date(2026, 10, 23).toISOString());
    expect(query.get('offset')).toBe('100');
    expect(query.has('userId')).toBe(false);
  });

  it('ignores a day it cannot read', () => {
    expect(reservationsQuery({ ...NO_RESERVATION_FILTERS, fromDay: '20/11/2026' }, 0)).toBe(
      '?limit=50&offset=0',
    );
  });
});

describe('ticketsQuery', () => {
  it('filters the inbox by status and kind', () => {
    expect(ticketsQuery({ status: 'OPEN', kind: '' })).toBe('?status=OPEN');
    expect(ticketsQuery({ status: '', kind: 'FAULT' })).toBe('?kind=FAULT');
  });
});

import type { ReservationStatus, SupportTicketKind, SupportTicketStatus } from '@wattsup/contracts';

type QueryValue = string | number | null | undefined;

/** `?a=1&b=x` from the values that are set (an empty field is no filter), or `''`. */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const text = String(value).trim();
    if (text !== '') search.set(name, text);
  }
  const query = search.toString();
  return query === '' ? '' : `?${query}`;
}

/** The reservation filters as the form holds them: `''` means any. */
export interface ReservationFilters {
  status: ReservationStatus | '';
  stationId: string;
  userId: string;
  /** Days (`YYYY-MM-DD`, the admin's own calendar), both included. */
  fromDay: string;
  toDay: string;
}

export const NO_RESERVATION_FILTERS: ReservationFilters = {
  status: '',
  stationId: '',
  userId: '',
  fromDay: '',
  toDay: '',
};

export const RESERVATIONS_PAGE_SIZE = 50;

/** Midnight starting `day` (`YYYY-MM-DD`) where the browser is, as an ISO time; `''` if none. */
function startOfDay(day: string, addDays = 0): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return '';
  const [, year, month, date] = match.map(Number);
  return new Date(year, month - 1, date + addDays).toISOString();
}

/** `GET /api/v1/admin/reservations` query for the filters and a page (0 first). */
export function reservationsQuery(filters: ReservationFilters, page: number): string {
  return queryString({
    status: filters.status,
    stationId: filters.stationId,
    userId: filters.userId,
    from: startOfDay(filters.fromDay),
    // Up to the end of the last day: created before the next midnight.
    to: startOfDay(filters.toDay, 1),
    limit: RESERVATIONS_PAGE_SIZE,
    offset: page * RESERVATIONS_PAGE_SIZE,
  });
}

export interface TicketFilters {
  status: SupportTicketStatus | '';
  kind: SupportTicketKind | '';
}

/** `GET /api/v1/admin/support/tickets` query. */
export const ticketsQuery = (filters: TicketFilters): string =>
  queryString({ status: filters.status, kind: filters.kind });

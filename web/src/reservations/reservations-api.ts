import type { ReservationPolicy, ReservationView } from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

const reservationPath = (id: string) => `/reservations/${encodeURIComponent(id)}`;

/** Holds a terminal; the hub answers once the charger has accepted (201) or with a 409. */
export function createReservation(terminalId: string): Promise<ReservationView> {
  return apiRequest('/reservations', { method: 'POST', body: { terminalId } });
}

/** The driver's reservations, live ones first, then the most recent. */
export function fetchMyReservations(): Promise<ReservationView[]> {
  return apiRequest('/reservations/mine');
}

export function cancelReservation(id: string): Promise<ReservationView> {
  return apiRequest(`${reservationPath(id)}/cancel`, { method: 'POST' });
}

/** Re-reserves another terminal after an interruption: a new reservation. */
export function moveReservation(id: string, terminalId: string): Promise<ReservationView> {
  return apiRequest(`${reservationPath(id)}/move`, { method: 'POST', body: { terminalId } });
}

let policy: Promise<ReservationPolicy> | null = null;

/** How long a hold lasts; asked once per page load (a failed answer is asked again). */
export function fetchReservationPolicy(): Promise<ReservationPolicy> {
  policy ??= apiRequest<ReservationPolicy>('/reservations/policy').catch((error: unknown) => {
    policy = null;
    throw error;
  });
  return policy;
}

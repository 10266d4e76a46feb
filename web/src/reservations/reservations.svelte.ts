import type { ReservationView } from '@wattsup/contracts';
import { t } from '../lib/language.svelte';
import { showToast } from '../lib/toasts.svelte';
import * as reservationsApi from './reservations-api';
import {
  applyReservationUpdate,
  transitionNotice,
  type ReservationUpdate,
} from './reservation-updates';

/** The signed-in driver's reservations, kept current by `/live`. */
export const reservations: {
  /** Live first, then the most recent, as the hub lists them. */
  mine: ReservationView[];
  loaded: boolean;
  /** Interruptions the driver closed the alert of. */
  dismissedIds: Set<string>;
} = $state({ mine: [], loaded: false, dismissedIds: new Set() });

let refreshes = 0;

/** Reads the list again; a slower, older answer never replaces a newer one. */
export async function refreshReservations(): Promise<void> {
  const refresh = ++refreshes;
  const mine = await reservationsApi.fetchMyReservations();
  if (refresh !== refreshes) return;
  reservations.mine = mine;
  reservations.loaded = true;
}

export function forgetReservations(): void {
  refreshes++;
  reservations.mine = [];
  reservations.loaded = false;
  reservations.dismissedIds = new Set();
}

function announce(reservation: ReservationView): void {
  const notice = transitionNotice(reservation, t);
  if (notice) showToast(notice.message, notice.kind);
}

/**
 * Puts the hub's answer to one of the driver's actions in the list, and says how it went. The
 * same news arriving by `/live` first reads the same, so it is not shown twice.
 */
function track(reservation: ReservationView): void {
  // A list read before this answer would bring back the reservation as it was.
  refreshes++;
  reservations.mine = [
    reservation,
    ...reservations.mine.filter((known) => known.id !== reservation.id),
  ];
  announce(reservation);
}

/**
 * Applies a `reservation.updated` event. A reservation this page did not know (made in another
 * tab, or by a move) or a new status (which brings a start time, energy, cost) is read again.
 */
export async function receiveReservationUpdate(update: ReservationUpdate): Promise<void> {
  const applied = applyReservationUpdate(reservations.mine, update);
  reservations.mine = applied.mine;
  if (applied.updated && applied.statusChanged) announce(applied.updated);
  if (!applied.updated || applied.statusChanged) await refreshReservations();
}

export async function reserve(terminalId: string): Promise<ReservationView> {
  const reservation = await reservationsApi.createReservation(terminalId);
  track(reservation);
  return reservation;
}

export async function cancel(id: string): Promise<void> {
  track(await reservationsApi.cancelReservation(id));
}

export async function move(id: string, terminalId: string): Promise<void> {
  track(await reservationsApi.moveReservation(id, terminalId));
}

export function dismissInterruption(id: string): void {
  reservations.dismissedIds = new Set([...reservations.dismissedIds, id]);
}

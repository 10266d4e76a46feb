import type {
  ChargerCommandResult,
  ChargerFrameView,
  ChargerView,
  CreateChargerRequest,
  CreatedCharger,
  ReservationView,
  SupportTicketView,
} from '@wattsup/contracts';
import { apiRequest } from '../lib/http';
import type { CommandCall } from './charger-commands';

const chargerPath = (id: string) => `/admin/chargers/${encodeURIComponent(id)}`;

export function fetchChargers(): Promise<ChargerView[]> {
  return apiRequest('/admin/chargers');
}

/** Registers a charger: the answer holds its password, shown once. 409 for a taken identity. */
export function createCharger(request: CreateChargerRequest): Promise<CreatedCharger> {
  return apiRequest('/admin/chargers', { method: 'POST', body: request });
}

/** The charger's last OCPP frames in and out, newest first. */
export function fetchChargerFrames(id: string, limit = 50): Promise<ChargerFrameView[]> {
  return apiRequest(`${chargerPath(id)}/frames?limit=${limit}`);
}

/** Sends a command and resolves with the charger's own answer. */
export function sendChargerCommand(id: string, call: CommandCall): Promise<ChargerCommandResult> {
  return apiRequest(`${chargerPath(id)}/commands/${call.command}`, {
    method: 'POST',
    body: call.body,
  });
}

/** `query` from `reservationsQuery`. */
export function fetchReservations(query: string): Promise<ReservationView[]> {
  return apiRequest(`/admin/reservations${query}`);
}

/** `query` from `ticketsQuery`. */
export function fetchInbox(query: string): Promise<SupportTicketView[]> {
  return apiRequest(`/admin/support/tickets${query}`);
}

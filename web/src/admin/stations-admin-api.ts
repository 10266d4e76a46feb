import type {
  AdminStationPage,
  AdminStationView,
  CreateStationRequest,
  TerminalRequest,
  UpdateStationRequest,
  UpdateTerminalRequest,
} from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

const stationPath = (id: string) => `/admin/stations/${encodeURIComponent(id)}`;
const terminalPath = (stationId: string, terminalId: string) =>
  `${stationPath(stationId)}/terminals/${encodeURIComponent(terminalId)}`;

/** `query` from `queryString`: `q`, `retired`, `limit`, `offset`. */
export function fetchAdminStations(query: string): Promise<AdminStationPage> {
  return apiRequest(`/admin/stations${query}`);
}

export function fetchAdminStation(id: string): Promise<AdminStationView> {
  return apiRequest(stationPath(id));
}

/** 409 when its IRVE id or one of its PDC ids is taken. */
export function createStation(request: CreateStationRequest): Promise<AdminStationView> {
  return apiRequest('/admin/stations', { method: 'POST', body: request });
}

export function updateStation(id: string, patch: UpdateStationRequest): Promise<AdminStationView> {
  return apiRequest(stationPath(id), { method: 'PATCH', body: patch });
}

/** 409 while a reservation holds one of its charge points. */
export function retireStation(id: string): Promise<AdminStationView> {
  return apiRequest(`${stationPath(id)}/retire`, { method: 'POST' });
}

export function addTerminal(
  stationId: string,
  terminal: TerminalRequest,
): Promise<AdminStationView> {
  return apiRequest(`${stationPath(stationId)}/terminals`, { method: 'POST', body: terminal });
}

export function updateTerminal(
  stationId: string,
  terminalId: string,
  patch: UpdateTerminalRequest,
): Promise<AdminStationView> {
  return apiRequest(terminalPath(stationId, terminalId), { method: 'PATCH', body: patch });
}

/** 409 while a reservation holds it. */
export function retireTerminal(stationId: string, terminalId: string): Promise<AdminStationView> {
  return apiRequest(`${terminalPath(stationId, terminalId)}/retire`, { method: 'POST' });
}

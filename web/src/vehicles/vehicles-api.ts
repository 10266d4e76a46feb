import type { CreateVehicleRequest, VehicleView, VehicleWithCredentials } from '@wattsup/contracts';
import { apiRequest } from '../lib/http';

/** The signed-in driver's vehicles, each with its latest telemetry. */
export function fetchMyVehicles(): Promise<VehicleView[]> {
  return apiRequest('/vehicles');
}

/** Registers a vehicle; its MQTT password comes in this answer only. */
export function createVehicle(request: CreateVehicleRequest): Promise<VehicleWithCredentials> {
  return apiRequest('/vehicles', { method: 'POST', body: request });
}

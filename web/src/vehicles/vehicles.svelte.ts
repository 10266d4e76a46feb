import type {
  CreateVehicleRequest,
  VehicleUpdate,
  VehicleView,
  VehicleWithCredentials,
} from '@wattsup/contracts';
import { applyVehicleUpdate } from './vehicle-state';
import * as vehiclesApi from './vehicles-api';

/** The signed-in driver's vehicles, kept current by `/live`. */
export const vehicles: { mine: VehicleView[]; loaded: boolean } = $state({
  mine: [],
  loaded: false,
});

let refreshes = 0;

/** Reads the list again; a slower, older answer never replaces a newer one. */
export async function refreshVehicles(): Promise<void> {
  const refresh = ++refreshes;
  const mine = await vehiclesApi.fetchMyVehicles();
  if (refresh !== refreshes) return;
  vehicles.mine = mine;
  vehicles.loaded = true;
}

export function forgetVehicles(): void {
  refreshes++;
  vehicles.mine = [];
  vehicles.loaded = false;
}

/** Applies a `vehicle.updated` event; a vehicle this page did not know is read with the list. */
export async function receiveVehicleUpdate(update: VehicleUpdate): Promise<void> {
  const applied = applyVehicleUpdate(vehicles.mine, update);
  vehicles.mine = applied.mine;
  if (!applied.known) await refreshVehicles();
}

/**
 * Registers a vehicle and reads the list again (which holds it, without its password). The
 * answer carries the MQTT password, shown once: it is not kept here.
 */
export async function addVehicle(request: CreateVehicleRequest): Promise<VehicleWithCredentials> {
  const created = await vehiclesApi.createVehicle(request);
  await refreshVehicles();
  return created;
}

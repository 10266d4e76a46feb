import type {
  VehicleState,
  VehicleUpdate,
  VehicleView,
  VehicleWithCredentials,
} from '@wattsup/contracts';
import type { FeatureCollection, Point } from 'geojson';
import { english, type Translate } from '../lib/i18n';
import type { StatusTone } from '../lib/terminal-status';

/** The state a `vehicle.updated` event carries, in the shape `GET /vehicles` gives it. */
export function stateOf(update: VehicleUpdate): VehicleState {
  const { ts, lon, lat, socPct, pluggedIn, charging, odometerKm } = update;
  return { at: ts, lon, lat, socPct, pluggedIn, charging, odometerKm };
}

/**
 * Puts a `vehicle.updated` event into the driver's list. An event older than the state shown
 * changes nothing (two telemetry batches may be told out of order); `known` is false for a
 * vehicle the list does not hold (added in another tab), which calls for reading the list again.
 */
export function applyVehicleUpdate(
  mine: readonly VehicleView[],
  update: VehicleUpdate,
): { mine: VehicleView[]; known: boolean } {
  const known = mine.some((vehicle) => vehicle.id === update.vehicleId);
  return {
    known,
    mine: mine.map((vehicle) =>
      vehicle.id === update.vehicleId && (!vehicle.state || vehicle.state.at < update.ts)
        ? { ...vehicle, name: update.name, state: stateOf(update) }
        : vehicle,
    ),
  };
}

/** `58 %`. */
export const formatSoc = (socPct: number): string => `${Math.round(socPct)} %`;

/** Plugged and charging in words, with the tone of its badge. */
export function chargeDisplay(
  state: VehicleState,
  t: Translate = english,
): { label: string; tone: StatusTone } {
  if (state.charging) return { label: t('vehicleState.charging'), tone: 'free' };
  if (state.pluggedIn) return { label: t('vehicleState.pluggedIn'), tone: 'busy' };
  return { label: t('vehicleState.notPluggedIn'), tone: 'unknown' };
}

export interface VehicleMarkerProperties {
  vehicleId: string;
  name: string;
  /** Drawn next to the marker with the name: its state of charge. */
  soc: string;
}

/** The driver's vehicles that have reported a position, as points for the map. */
export function vehicleMarkers(
  mine: readonly VehicleView[],
): FeatureCollection<Point, VehicleMarkerProperties> {
  return {
    type: 'FeatureCollection',
    features: mine.flatMap(({ id, name, state }) =>
      state
        ? [
            {
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: [state.lon, state.lat] },
              properties: {
                vehicleId: id,
                name,
                soc: formatSoc(state.socPct),
              },
            },
          ]
        : [],
    ),
  };
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A `mosquitto_pub` command that sends one telemetry sample as the vehicle, stamped `now` (the
 * hub refuses samples from the future or past its retention).
 */
export function mosquittoPubExample(
  vehicle: VehicleWithCredentials,
  broker: { host: string; port: number },
  now: Date,
): string {
  const { username, clientId, telemetryTopic } = vehicle.mqtt;
  const sample = {
    ts: now.toISOString(),
    lat: 48.8566,
    lon: 2.3522,
    socPct: 80,
    pluggedIn: false,
    charging: false,
    odometerKm: 12345.6,
  };
  return [
    `mosquitto_pub -h ${broker.host} -p ${broker.port} -q 1 -i ${shellQuote(clientId)} -u ${shellQuote(username)} -P ${shellQuote(vehicle.mqttPassword)} \\`,
    `  -t ${shellQuote(telemetryTopic)} \\`,
    `  -m ${shellQuote(JSON.stringify(sample))}`,
  ].join('\n');
}

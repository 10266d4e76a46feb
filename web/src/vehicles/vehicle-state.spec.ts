import { describe, expect, it } from '@jest/globals';
import type { VehicleUpdate, VehicleView } from '@wattsup/contracts';
import {
  applyVehicleUpdate,
  chargeDisplay,
  formatSoc,
  mosquittoPubExample,
  vehicleMarkers,
} from './vehicle-state';

const ID = '6f1c1c3e-7f4a-4c61-9b0e-3f1f6f1f2a10';

const vehicle = (state: VehicleView['state']): VehicleView => ({
  id: ID,
  ownerId: 'u',
  name: 'Zoe',
  batteryKwh: 52,
  plugs: ['TYPE_2'],
  mqtt: { username: ID, clientId: ID, telemetryTopic: `wattsup/v1/vehicles/${ID}/telemetry` },
  state,
  createdAt: '2026-11-22T09:00:00.000Z',
});

const update = (ts: string, socPct: number): VehicleUpdate => ({
  vehicleId: ID,
  userId: 'u',
  name: 'Zoe',
  ts,
  lat: 43.6,
  lon: 1.44,
  socPct,
  pluggedIn: true,
  charging: true,
  odometerKm: 100,
  speedKmh: 0,
});

const stateAt = (at: string, socPct: number) => ({
  at,
  lat: 43.6,
  lon: 1.44,
  socPct,
  pluggedIn: true,
  charging: true,
  odometerKm: 100,
});

describe('applyVehicleUpdate', () => {
  it.each([
    [
      'a first state',
      null,
      update('2026-11-22T10:00:00.000Z', 58),
      stateAt('2026-11-22T10:00:00.000Z', 58),
    ],
    [
      'a newer state',
      stateAt('2026-11-22T10:00:00.000Z', 58),
      update('2026-11-22T10:01:00.000Z', 59),
      stateAt('2026-11-22T10:01:00.000Z', 59),
    ],
    [
      'an older state, told late: ignored',
      stateAt('2026-11-22T10:01:00.000Z', 59),
      update('2026-11-22T10:00:00.000Z', 58),
      stateAt('2026-11-22T10:01:00.000Z', 59),
    ],
  ])('%s', (_name, before, event, after) => {
    const applied = applyVehicleUpdate([vehicle(before)], event);
    expect(applied).toEqual({ known: true, mine: [vehicle(after)] });
  });

  it('says when the vehicle is not in the list', () => {
    const other = { ...update('2026-11-22T10:00:00.000Z', 58), vehicleId: 'another' };
    expect(applyVehicleUpdate([vehicle(null)], other)).toEqual({
      known: false,
      mine: [vehicle(null)],
    });
  });
});

describe('chargeDisplay and formatSoc', () => {
  it.each([
    [true, true, 'Charging'],
    [true, false, 'Plugged in, not charging'],
    [false, false, 'Not plugged in'],
  ])('plugged %s, charging %s → %s', (pluggedIn, charging, label) => {
    expect(chargeDisplay({ ...stateAt('x', 1), pluggedIn, charging }).label).toBe(label);
  });

  it('rounds the charge', () => {
    expect(formatSoc(57.6)).toBe('58 %');
  });
});

describe('vehicleMarkers', () => {
  it('draws vehicles with a position, at [lon, lat], labelled with their charge', () => {
    const silent = { ...vehicle(null), id: 'silent' };
    expect(vehicleMarkers([vehicle(stateAt('x', 57.6)), silent])).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [1.44, 43.6] },
          properties: { vehicleId: ID, name: 'Zoe', soc: '58 %' },
        },
      ],
    });
  });
});

describe('mosquittoPubExample', () => {
  it('publishes one sample as the vehicle, on its topic, stamped now', () => {
    const command = mosquittoPubExample(
      { ...vehicle(null), mqttPassword: "pa'ss" },
      { host: 'hub.example', port: 1883 },
      new Date('2026-11-22T10:00:00Z'),
    );
    expect(command).toBe(
      [
        `mosquitto_pub -h hub.example -p 1883 -q 1 -i '${ID}' -u '${ID}' -P 'pa'\\''ss' \\`,
        `  -t 'wattsup/v1/vehicles/${ID}/telemetry' \\`,
        `  -m '{"ts":"2026-11-22T10:00:00.000Z","lat":48.8566,"lon":2.3522,"socPct":80,"pluggedIn":false,"charging":false,"odometerKm":12345.6}'`,
      ].join('\n'),
    );
  });
});

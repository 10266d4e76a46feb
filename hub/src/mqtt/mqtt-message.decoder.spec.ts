import { topics } from '@wattsup/contracts';
import { decodeDeviceMessage, MAX_DEVICE_PAYLOAD_BYTES } from './mqtt-message.decoder';

const now = new Date('2026-11-22T12:00:00Z');
const limits = { now, maxClockAheadMs: 60_000, maxAgeMs: 86_400_000 };
const VEHICLE = '0b0e2a52-3f35-4c43-9a4c-4f4d3c3f1a11';
const telemetry = {
  ts: '2026-11-22T11:59:00Z',
  lat: 43.6,
  lon: 1.44,
  socPct: 55,
  pluggedIn: false,
  charging: false,
  odometerKm: 12000,
};
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeDeviceMessage', () => {
  it('decodes a connector status, mapped to the canonical model', () => {
    const decoded = decodeDeviceMessage(
      topics.connectorStatus('CP-1', 2),
      json({ status: 'Charging', errorCode: 'NoError', ts: '2026-11-22T11:59:59Z' }),
      limits,
    );
    expect(decoded).toEqual({
      ok: true,
      message: {
        kind: 'connectorStatus',
        chargerId: 'CP-1',
        connectorId: 2,
        at: new Date('2026-11-22T11:59:59Z'),
        status: 'OCCUPIED',
        sourceStatus: 'Charging',
        errorCode: null,
      },
    });
  });

  it('decodes an availability, however long ago its connection began (a will keeps its CONNECT time)', () => {
    const availability = { online: false, ts: '2026-01-01T00:00:00Z' };
    expect(
      decodeDeviceMessage(topics.chargerAvailability('CP-1'), json(availability), limits),
    ).toEqual({
      ok: true,
      message: {
        kind: 'chargerAvailability',
        chargerId: 'CP-1',
        at: new Date(availability.ts),
        availability,
      },
    });
  });

  it.each([
    [{ online: 'yes', ts: '2026-11-22T11:59:00Z' }, 'invalid'],
    [{ online: true, ts: '2026-11-22T11:59:00Z', heartbeatSeconds: 0 }, 'invalid'],
    [{ online: true, ts: '2026-11-22T11:59:00Z', since: 'boot' }, 'invalid'],
    [{ online: true, ts: '2026-11-22T12:30:00Z' }, 'future-timestamp'],
  ])('refuses the availability %j (%s)', (payload, reason) => {
    expect(
      decodeDeviceMessage(topics.chargerAvailability('CP-1'), json(payload), limits),
    ).toMatchObject({ ok: false, kind: 'chargerAvailability', reason });
  });

  it('decodes a meter reading and a telemetry sample', () => {
    const meter = { powerKw: 11, energyKwh: 3.2, socPct: 40, ts: '2026-11-22T11:59:00+01:00' };
    expect(
      decodeDeviceMessage(topics.connectorMeter('CP-1', 1), json(meter), limits),
    ).toMatchObject({ ok: true, message: { kind: 'connectorMeter', connectorId: 1, meter } });
    expect(
      decodeDeviceMessage(topics.vehicleTelemetry(VEHICLE), json(telemetry), limits),
    ).toMatchObject({ ok: true, message: { kind: 'vehicleTelemetry', vehicleId: VEHICLE } });
  });

  it.each([
    ['a foreign topic', 'other/topic', json(telemetry), 'unknown', 'unknown-topic'],
    ['the commands topic', topics.chargerCommands('CP-1'), json({}), 'unknown', 'unknown-topic'],
    [
      'an oversize payload',
      topics.vehicleTelemetry(VEHICLE),
      Buffer.alloc(MAX_DEVICE_PAYLOAD_BYTES + 1, 32),
      'vehicleTelemetry',
      'too-large',
    ],
    [
      'garbage bytes',
      topics.vehicleTelemetry(VEHICLE),
      Buffer.from([0xff, 0x00, 0x7b]),
      'vehicleTelemetry',
      'not-json',
    ],
    [
      'JSON of the wrong shape',
      topics.vehicleTelemetry(VEHICLE),
      json([1, 2]),
      'vehicleTelemetry',
      'invalid',
    ],
    [
      'a wrong type',
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, socPct: '55' }),
      'vehicleTelemetry',
      'invalid',
    ],
    [
      'an out-of-range latitude',
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, lat: 91 }),
      'vehicleTelemetry',
      'invalid',
    ],
    [
      'an SoC over 100',
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, socPct: 101 }),
      'vehicleTelemetry',
      'invalid',
    ],
    [
      'an unknown field',
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, extra: 1 }),
      'vehicleTelemetry',
      'invalid',
    ],
    [
      'a timestamp far in the future',
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, ts: '2026-11-22T12:05:00Z' }),
      'vehicleTelemetry',
      'future-timestamp',
    ],
    [
      'a timestamp past the retention',
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, ts: '2026-11-20T12:00:00Z' }),
      'vehicleTelemetry',
      'too-old',
    ],
    [
      'a status word the hub does not know',
      topics.connectorStatus('CP-1', 1),
      json({ status: 'OFFLINE', ts: '2026-11-22T11:59:00Z' }),
      'connectorStatus',
      'unknown-status',
    ],
    [
      'a negative power',
      topics.connectorMeter('CP-1', 1),
      json({ powerKw: -1, energyKwh: 0, ts: '2026-11-22T11:59:00Z' }),
      'connectorMeter',
      'invalid',
    ],
  ])('refuses %s', (_case, topic, payload, kind, reason) => {
    expect(decodeDeviceMessage(topic, payload, limits)).toMatchObject({ ok: false, kind, reason });
  });

  it('names the bad field in its detail', () => {
    const decoded = decodeDeviceMessage(
      topics.vehicleTelemetry(VEHICLE),
      json({ ...telemetry, lon: 200 }),
      limits,
    );
    expect(decoded).toMatchObject({ ok: false, detail: expect.stringContaining('lon') });
  });

  it('has no age limit when maxAgeMs is 0', () => {
    const old = json({ ...telemetry, ts: '2020-01-01T00:00:00Z' });
    expect(
      decodeDeviceMessage(topics.vehicleTelemetry(VEHICLE), old, { ...limits, maxAgeMs: 0 }),
    ).toMatchObject({ ok: true });
  });
});

import type { LiveFrame } from '@wattsup/contracts';
import {
  concerns,
  inBbox,
  type LiveSubscription,
  LiveSubscriptionError,
  type LiveViewer,
  NO_SUBSCRIPTION,
  toSubscription,
} from './live-subscription';

const STATION = '11111111-1111-4111-8111-111111111111';
const USER = '22222222-2222-4222-8222-222222222222';
const anonymous: LiveViewer = { userId: null, role: null };
const driver: LiveViewer = { userId: USER, role: 'DRIVER' };
const stranger: LiveViewer = { userId: 'someone-else', role: 'DRIVER' };
const admin: LiveViewer = { userId: 'admin', role: 'ADMIN' };

const status: LiveFrame = {
  type: 'terminal.status',
  at: '2026-11-22T10:00:00Z',
  data: {
    terminalId: 't',
    stationId: STATION,
    status: 'AVAILABLE',
    source: 'OCPP',
    confirmedAt: '2026-11-22T10:00:00Z',
    lon: 1.44,
    lat: 43.6,
    station: { available: 1, total: 2, doubtful: 0 },
  },
};
const reservation: LiveFrame = {
  type: 'reservation.updated',
  at: '2026-11-22T10:00:00Z',
  data: {
    reservationId: 'r',
    userId: USER,
    terminalId: 't',
    status: 'ACTIVE',
    expiresAt: null,
    cause: 'Reserved',
    estimatedEndAt: null,
    alternatives: [],
  },
};
const vehicle: LiveFrame = {
  type: 'vehicle.updated',
  at: '2026-11-22T10:00:00Z',
  data: {
    vehicleId: 'v',
    userId: USER,
    name: 'Megane',
    ts: '2026-11-22T10:00:00Z',
    lat: 43.6,
    lon: 1.44,
    socPct: 58,
    pluggedIn: true,
    charging: true,
    odometerKm: 12345.6,
  },
};
const ticket: LiveFrame = {
  type: 'support.updated',
  at: '2026-11-22T10:00:00Z',
  data: {
    change: 'ANSWERED',
    ticket: {
      id: 's',
      kind: 'QUESTION',
      status: 'ANSWERED',
      subject: 'Card refused',
      user: { id: USER, email: 'driver@wattsup.test', displayName: null },
      station: null,
      terminalId: null,
      reservationId: null,
      createdAt: '2026-11-22T09:00:00Z',
      updatedAt: '2026-11-22T10:00:00Z',
      messages: [],
    },
  },
};
const connection: LiveFrame = {
  type: 'charger.connection',
  at: '2026-11-22T10:00:00Z',
  data: { chargerId: 'c', identity: 'CP', online: true },
};
const progress = {
  type: 'import.progress',
  at: '2026-11-22T10:00:00Z',
  data: { importId: 'i' },
} as LiveFrame;

const subscription = (overrides: Partial<LiveSubscription>): LiveSubscription => ({
  ...NO_SUBSCRIPTION,
  ...overrides,
});
const toulouse = subscription({ bbox: [1.3, 43.5, 1.6, 43.7] });
const lyon = subscription({ bbox: [4.7, 45.6, 5.0, 45.9] });
const byStation = subscription({ stationIds: new Set([STATION]) });
const everything = subscription({
  bbox: [-180, -90, 180, 90],
  topics: new Set(['fleet', 'imports']),
});

const reservationsTopic = subscription({ topics: new Set(['reservations']) });
const vehiclesTopic = subscription({ topics: new Set(['vehicles']) });
const supportTopic = subscription({ topics: new Set(['support']) });

describe('concerns', () => {
  it.each([
    ['status in the viewport', toulouse, anonymous, status, true],
    ['status outside the viewport', lyon, anonymous, status, false],
    ['status of a station subscribed by id', byStation, anonymous, status, true],
    ['status with no subscription', NO_SUBSCRIPTION, driver, status, false],
    ['own reservation, whatever the subscription', NO_SUBSCRIPTION, driver, reservation, true],
    [
      "someone else's reservation to an admin who did not ask",
      everything,
      admin,
      reservation,
      false,
    ],
    ['any reservation to an admin who asked', reservationsTopic, admin, reservation, true],
    [
      "another driver's reservation, even with the topic",
      reservationsTopic,
      stranger,
      reservation,
      false,
    ],
    ['reservation to an anonymous socket', everything, anonymous, reservation, false],
    ['own vehicle, whatever the subscription', NO_SUBSCRIPTION, driver, vehicle, true],
    ["another driver's vehicle, even with the topic", vehiclesTopic, stranger, vehicle, false],
    ["a driver's vehicle to an admin who did not ask", reservationsTopic, admin, vehicle, false],
    ['any vehicle to an admin who asked', vehiclesTopic, admin, vehicle, true],
    ['vehicle to an anonymous socket in its area', everything, anonymous, vehicle, false],
    ['own support ticket, whatever the subscription', NO_SUBSCRIPTION, driver, ticket, true],
    ["another driver's ticket, even with the topic", supportTopic, stranger, ticket, false],
    ["a driver's ticket to an admin who did not ask", everything, admin, ticket, false],
    ['any ticket to an admin who asked', supportTopic, admin, ticket, true],
    ['ticket to an anonymous socket', everything, anonymous, ticket, false],
    ['fleet event to an admin who asked', everything, admin, connection, true],
    ['fleet event to an admin who did not ask', toulouse, admin, connection, false],
    ['fleet event to a driver with the topic', everything, driver, connection, false],
    ['import progress to an admin who asked', everything, admin, progress, true],
    ['import progress to an anonymous socket', everything, anonymous, progress, false],
  ] as const)('%s → %s', (_name, sub, viewer, frame, expected) => {
    expect(concerns(sub, viewer, frame)).toBe(expected);
  });
});

describe('inBbox', () => {
  it.each([
    [1.44, 43.6, true],
    [1.3, 43.5, true],
    [1.6, 43.7, true],
    [1.61, 43.6, false],
    [1.44, 43.49, false],
  ])('(%d, %d) → %s', (lon, lat, expected) => {
    expect(inBbox([1.3, 43.5, 1.6, 43.7], lon, lat)).toBe(expected);
  });
});

describe('toSubscription', () => {
  it('merges stationId into stationIds', () => {
    const result = toSubscription(
      { type: 'subscribe', stationId: STATION, stationIds: [USER] },
      anonymous,
    );
    expect([...result.stationIds].sort()).toEqual([STATION, USER].sort());
    expect(result.bbox).toBeNull();
  });

  it('lets admins have topics, nobody else', () => {
    expect([...toSubscription({ type: 'subscribe', topics: ['fleet'] }, admin).topics]).toEqual([
      'fleet',
    ]);
    expect(() => toSubscription({ type: 'subscribe', topics: ['imports'] }, driver)).toThrow(
      LiveSubscriptionError,
    );
  });
});

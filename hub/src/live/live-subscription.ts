import {
  LIVE_ADMIN_TOPICS,
  type LiveAdminTopic,
  type LiveFrame,
  type LiveSubscribeMessage,
  type UserRole,
} from '@wattsup/contracts';

/** Who is on the other end of a socket: nobody in particular, or a signed-in user. */
export interface LiveViewer {
  userId: string | null;
  role: UserRole | null;
}

/** What one socket asked to hear about, normalised from its last `subscribe`. */
export interface LiveSubscription {
  bbox: readonly [number, number, number, number] | null;
  stationIds: ReadonlySet<string>;
  topics: ReadonlySet<LiveAdminTopic>;
}

export const NO_SUBSCRIPTION: LiveSubscription = {
  bbox: null,
  stationIds: new Set(),
  topics: new Set(),
};

export class LiveSubscriptionError extends Error {}

/** Turns a validated `subscribe` into a subscription; admin topics need an admin. */
export function toSubscription(
  message: LiveSubscribeMessage,
  viewer: LiveViewer,
): LiveSubscription {
  const topics = new Set(message.topics ?? []);
  if (topics.size > 0 && viewer.role !== 'ADMIN') {
    throw new LiveSubscriptionError(
      `Only admins may subscribe to topics (${LIVE_ADMIN_TOPICS.join(', ')}).`,
    );
  }
  return {
    bbox: message.bbox ?? null,
    stationIds: new Set([
      ...(message.stationIds ?? []),
      ...(message.stationId ? [message.stationId] : []),
    ]),
    topics,
  };
}

export function inBbox(
  bbox: readonly [number, number, number, number],
  lon: number,
  lat: number,
): boolean {
  return lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/**
 * A user's own event goes to that user's sockets, whatever they subscribed to, and to admins who
 * asked for its topic.
 */
function toOwnerOrWatchingAdmin(
  subscription: LiveSubscription,
  viewer: LiveViewer,
  ownerId: string,
  topic: LiveAdminTopic,
): boolean {
  return (
    (viewer.userId !== null && viewer.userId === ownerId) ||
    (viewer.role === 'ADMIN' && subscription.topics.has(topic))
  );
}

/**
 * Whether a frame concerns a socket. Terminal status is public and routed by area or station;
 * a reservation, a vehicle or a support ticket goes to its own user whatever they subscribed to;
 * imports, fleet, reservation, vehicle, support and fleet-summary events go to admins who asked
 * for them.
 */
export function concerns(
  subscription: LiveSubscription,
  viewer: LiveViewer,
  frame: LiveFrame,
): boolean {
  switch (frame.type) {
    case 'terminal.status':
      return (
        subscription.stationIds.has(frame.data.stationId) ||
        (subscription.bbox !== null && inBbox(subscription.bbox, frame.data.lon, frame.data.lat))
      );
    case 'reservation.updated':
      return toOwnerOrWatchingAdmin(subscription, viewer, frame.data.userId, 'reservations');
    case 'vehicle.updated':
      return toOwnerOrWatchingAdmin(subscription, viewer, frame.data.userId, 'vehicles');
    case 'support.updated':
      return toOwnerOrWatchingAdmin(subscription, viewer, frame.data.ticket.user.id, 'support');
    case 'import.progress':
      return viewer.role === 'ADMIN' && subscription.topics.has('imports');
    case 'charger.connection':
      return viewer.role === 'ADMIN' && subscription.topics.has('fleet');
    case 'fleet.summary':
      return viewer.role === 'ADMIN' && subscription.topics.has('fleet-summary');
  }
}

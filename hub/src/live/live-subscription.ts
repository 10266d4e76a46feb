import type { LiveAdminTopic, LiveFrame, LiveSubscribeMessage, UserRole } from '@wattsup/contracts';

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
      'Only admins may subscribe to imports, fleet and reservations events.',
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
 * Whether a frame concerns a socket. Terminal status is public and routed by area or station;
 * a reservation goes to its own user whatever they subscribed to; imports, fleet and reservation
 * events go to admins who asked for them.
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
      return (
        (viewer.userId !== null && viewer.userId === frame.data.userId) ||
        (viewer.role === 'ADMIN' && subscription.topics.has('reservations'))
      );
    case 'import.progress':
      return viewer.role === 'ADMIN' && subscription.topics.has('imports');
    case 'charger.connection':
      return viewer.role === 'ADMIN' && subscription.topics.has('fleet');
  }
}

import type { LiveAdminTopic, LiveServerFrame } from '@wattsup/contracts';
import { onSessionRenewed } from '../lib/http';
import { liveUrl } from '../live/live-frames';
import { LiveSocket, type LiveStatus } from '../live/live-socket';

/**
 * Follows one admin stream of `/live` until the returned function is called. Every
 * (re)connection is answered by a snapshot, after which no event is missed: the caller reads its
 * list again then. The hub knows an admin from the session cookie the socket opened with, so the
 * socket opens again when the session is renewed.
 */
export function followAdminTopic(
  topic: LiveAdminTopic,
  onframes: (frames: LiveServerFrame[]) => void,
  onstatus: (status: LiveStatus) => void,
): () => void {
  const socket = new LiveSocket({ url: liveUrl(location), onframes, onstatus });
  socket.subscribe({ type: 'subscribe', topics: [topic] });
  const stopFollowingRenewals = onSessionRenewed(() => socket.reconnect());
  return () => {
    stopFollowingRenewals();
    socket.close();
  };
}

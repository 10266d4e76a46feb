import {
  LIVE_ADMIN_TOPIC_EVENTS,
  type LiveAdminTopic,
  type LiveAdminTopicEvent,
  type LiveFrame,
  type LiveServerFrame,
} from '@wattsup/contracts';
import { onSessionRenewed } from '../lib/http';
import { liveUrl } from '../live/live-frames';
import { LiveSocket, type LiveStatus } from '../live/live-socket';

/** How an admin tab keeps its list current from one topic of `/live`. */
export interface AdminListFollower<T extends LiveAdminTopic> {
  /** Reads the list again: a `latestRead`, so the newest read wins and failures are reported. */
  load: () => Promise<void>;
  /**
   * Applies one event of the topic to the list; false when the list must be read again instead
   * (it is not loaded yet, or the event is about something it does not hold).
   */
  apply: (frame: LiveFrame<LiveAdminTopicEvent<T>>) => boolean;
}

/**
 * The frames handler of a list following `topic`. Every (re)connection is answered by a
 * snapshot, after which no event is missed: the list is read again then. Each event of the
 * topic is applied, or makes the list be read again; one message's frames cause one read at most.
 */
export function adminListFrames<T extends LiveAdminTopic>(
  topic: T,
  { load, apply }: AdminListFollower<T>,
): (frames: LiveServerFrame[]) => void {
  const event = LIVE_ADMIN_TOPIC_EVENTS[topic];
  return (frames) => {
    let stale = false;
    for (const frame of frames) {
      if (frame.type === 'snapshot') stale = true;
      // The topic's own event, as LIVE_ADMIN_TOPIC_EVENTS says (TypeScript cannot narrow a
      // union by a generic type).
      else if (frame.type === event && !apply(frame as LiveFrame<LiveAdminTopicEvent<T>>))
        stale = true;
    }
    if (stale) void load();
  };
}

/**
 * Reads an admin tab's list and follows `topic` on `/live` until the returned function is
 * called. The hub knows an admin from the session cookie the socket opened with, so the socket
 * opens again when the session is renewed.
 */
export function followAdminList<T extends LiveAdminTopic>(
  topic: T,
  follower: AdminListFollower<T>,
  onstatus: (status: LiveStatus) => void,
): () => void {
  void follower.load();
  const socket = new LiveSocket({
    url: liveUrl(location),
    onframes: adminListFrames(topic, follower),
    onstatus,
  });
  socket.subscribe({ type: 'subscribe', topics: [topic] });
  const stopFollowingRenewals = onSessionRenewed(() => socket.reconnect());
  return () => {
    stopFollowingRenewals();
    socket.close();
  };
}

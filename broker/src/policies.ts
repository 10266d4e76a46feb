import { TOPIC_ROOT, parseTopic } from '@wattsup/contracts';
import { BrokerIdentity } from './identity';

/** CONNACK return codes, MQTT 3.1.1 §3.2.2.3 (Table 3.1). */
export const CONNACK = {
  identifierRejected: 2,
  serverUnavailable: 3,
  badUsernameOrPassword: 4,
  notAuthorized: 5,
} as const;
export type ConnackRefusalCode = (typeof CONNACK)[keyof typeof CONNACK];

export interface Refusal {
  readonly returnCode: ConnackRefusalCode;
  readonly reason: string;
}

export const BAD_CREDENTIALS: Refusal = {
  returnCode: CONNACK.badUsernameOrPassword,
  reason: 'bad credentials',
};

/** The authenticator could not decide: the client may retry later. */
export const AUTHENTICATOR_UNAVAILABLE: Refusal = {
  returnCode: CONNACK.serverUnavailable,
  reason: 'authenticator unavailable',
};

/** The broker holds as many connections as it was told to: the client may retry later. */
export const TOO_MANY_CONNECTIONS: Refusal = {
  returnCode: CONNACK.serverUnavailable,
  reason: 'too many connections',
};

/** Why a CONNECT without a username or password is refused: anonymous clients never get in. */
export function missingCredentialsRefusal(username: string | undefined): Refusal {
  return username === undefined
    ? { returnCode: CONNACK.notAuthorized, reason: 'anonymous clients are not allowed' }
    : { returnCode: CONNACK.badUsernameOrPassword, reason: 'password missing' };
}

/**
 * A device must connect with its own id as client id: MQTT 3.1.1 §3.1.4 [MQTT-3.1.4-2] makes the
 * broker disconnect an existing client with the same id, so any other id would let one device
 * take over another's session.
 */
export function refuseClientId(identity: BrokerIdentity, clientId: string): Refusal | null {
  if (identity.role === 'device' && clientId !== identity.username) {
    return {
      returnCode: CONNACK.identifierRejected,
      reason: 'a device must use its username as client id',
    };
  }
  return null;
}

export interface PublishAttempt {
  readonly topic: string;
  readonly payloadBytes: number;
}

export interface PublishRefusal {
  /** A fixed word, for counters. */
  readonly kind: 'too-large' | 'reserved-topic' | 'foreign-topic' | 'rate-limited';
  readonly reason: string;
}

/**
 * Why a PUBLISH is refused, or null when it may go through. The caller closes the connection:
 * MQTT 3.1.1 has no negative PUBACK, and [MQTT-3.3.5-2] allows closing instead of acknowledging.
 */
export function publishRefusal(
  identity: BrokerIdentity,
  attempt: PublishAttempt,
  maxPayloadBytes: number,
): PublishRefusal | null {
  if (attempt.payloadBytes > maxPayloadBytes) {
    return {
      kind: 'too-large',
      reason: `payload of ${attempt.payloadBytes} bytes exceeds ${maxPayloadBytes}`,
    };
  }
  // $SYS topics belong to the broker (MQTT 3.1.1 §4.7.2; aedes#597: clients publishing there DoS it).
  if (attempt.topic.startsWith('$')) {
    return { kind: 'reserved-topic', reason: 'topics starting with $ are reserved' };
  }
  if (identity.role === 'hub' || speaksFor(identity, attempt.topic)) return null;
  return { kind: 'foreign-topic', reason: `${identity.username} may not publish here` };
}

/**
 * Why a CONNECT's Last Will is refused, or null. The broker publishes a will for the client later
 * (MQTT 3.1.1 §3.1.2.5), when it can no longer refuse anything to it: the will is judged at CONNECT
 * like a publish of the client's own, e.g. a charger's will on its own availability topic only.
 */
export function willRefusal(
  identity: BrokerIdentity,
  will: PublishAttempt,
  maxPayloadBytes: number,
): Refusal | null {
  const refused = publishRefusal(identity, will, maxPayloadBytes);
  return (
    refused && { returnCode: CONNACK.notAuthorized, reason: `will refused: ${refused.reason}` }
  );
}

/** Device-side topics: a device may publish its own; a gateway anyone's. */
function speaksFor(identity: BrokerIdentity, topic: string): boolean {
  const parsed = parseTopic(topic);
  switch (parsed?.kind) {
    case 'connectorStatus':
    case 'connectorMeter':
    case 'chargerAvailability':
      return identity.role === 'gateway' || parsed.chargerId === identity.username;
    case 'vehicleTelemetry':
      return identity.role === 'gateway' || parsed.vehicleId === identity.username;
    default:
      return false;
  }
}

/** The filter a gateway uses to receive every charger's commands. */
export const ALL_CHARGER_COMMANDS = `${TOPIC_ROOT}/chargers/+/commands`;

/** Whether a SUBSCRIBE filter is granted; a refused one gets return code 0x80 (MQTT 3.1.1 §3.9.3). */
export function canSubscribe(identity: BrokerIdentity, filter: string): boolean {
  // aedes has no MQTT 5 §4.8.2 shared subscriptions: it would take `$share/…` as a literal filter
  // that never matches. Refusing it tells the subscriber (the hub) to subscribe plainly instead.
  if (filter.startsWith('$share/')) return false;
  if (identity.role === 'hub') return true;
  if (identity.role === 'gateway' && filter === ALL_CHARGER_COMMANDS) return true;
  const parsed = parseTopic(filter);
  if (parsed?.kind !== 'chargerCommands') return false;
  return identity.role === 'gateway' || parsed.chargerId === identity.username;
}

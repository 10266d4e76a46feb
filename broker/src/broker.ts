import { Aedes, AuthenticateError, Client } from 'aedes';
import { DeviceAuthenticator } from './authenticator';
import { BrokerIdentity } from './identity';
import { Logger } from './log';
import { BrokerMetrics } from './metrics';
import { MessageRateLimiter } from './rate-limiter';
import type { SharedStores } from './redis-stores';
import {
  AUTHENTICATOR_UNAVAILABLE,
  BAD_CREDENTIALS,
  Refusal,
  TOO_MANY_CONNECTIONS,
  canSubscribe,
  missingCredentialsRefusal,
  publishRefusal,
  refuseClientId,
  willRefusal,
} from './policies';

export interface BrokerOptions {
  readonly authenticator: DeviceAuthenticator;
  readonly maxPayloadBytes: number;
  readonly logger: Logger;
  /** Shared state for several broker processes; in memory, for this process alone, when absent. */
  readonly stores?: SharedStores;
  /** Beyond this many connected clients a CONNECT is refused with "server unavailable". */
  readonly maxConnections?: number;
  /** Devices are paced to this rate (hub and gateways are not): see MessageRateLimiter. */
  readonly deviceRate?: { readonly perSecond: number; readonly burst: number };
  readonly metrics?: BrokerMetrics;
}

/** An aedes broker whose every CONNECT, PUBLISH and SUBSCRIBE goes through the policies. */
export async function createBroker(options: BrokerOptions): Promise<Aedes> {
  const { authenticator, maxPayloadBytes, logger } = options;
  const metrics = options.metrics ?? new BrokerMetrics();
  const pacer = options.deviceRate
    ? new MessageRateLimiter(options.deviceRate.perSecond, options.deviceRate.burst)
    : null;
  const identities = new WeakMap<Client, BrokerIdentity>();
  /** Each connecting client's Last Will, judged once the client is identified. */
  const wills = new WeakMap<Client, { topic: string; payloadBytes: number }>();
  // Refusals are logged where they are decided, with their context; aedes then reports them
  // again as client errors, which this set lets the error log skip.
  const refusals = new WeakSet<Error>();
  const refusal = (reason: string) => {
    const error = new Error(reason);
    refusals.add(error);
    return error;
  };

  const refuse = (client: Client, refused: Refusal, username?: string): AuthenticateError => {
    logger.warn('connection refused', { clientId: client.id, username, reason: refused.reason });
    metrics.refusedConnections.inc({ reason: refused.reason });
    return Object.assign(refusal(refused.reason), { returnCode: refused.returnCode });
  };

  async function identify(client: Client, username?: string, password?: Buffer) {
    if (broker.connectedClients >= (options.maxConnections ?? Infinity)) {
      throw refuse(client, TOO_MANY_CONNECTIONS, username);
    }
    if (username === undefined || password === undefined) {
      throw refuse(client, missingCredentialsRefusal(username), username);
    }
    const identity = await authenticator
      .authenticate(username, password)
      .catch((error: unknown) => {
        logger.error('authenticator failed', { username, error: String(error) });
        throw refuse(client, AUTHENTICATOR_UNAVAILABLE, username);
      });
    if (!identity) throw refuse(client, BAD_CREDENTIALS, username);
    const wrongId = refuseClientId(identity, client.id);
    if (wrongId) throw refuse(client, wrongId, username);
    const will = wills.get(client);
    const wrongWill = will && willRefusal(identity, will, maxPayloadBytes);
    if (wrongWill) throw refuse(client, wrongWill, username);
    return identity;
  }

  const broker = await Aedes.createBroker({
    persistence: options.stores?.persistence,
    mq: options.stores?.mq,
    preConnect(client, packet, done) {
      if (packet.will) {
        wills.set(client, { topic: packet.will.topic, payloadBytes: packet.will.payload.length });
      }
      done(null, true);
    },
    authenticate(client, username, password, done) {
      identify(client, username, password).then(
        (identity) => {
          identities.set(client, identity);
          done(null, true);
        },
        (error: AuthenticateError) => done(error, false),
      );
    },
    authorizePublish(client, packet, done) {
      // No client: the will of a client whose broker process died, published by a surviving one
      // (aedes clears such wills); it was judged at that client's CONNECT.
      if (!client) return done(null);
      const identity = client && identities.get(client);
      if (!identity) return done(refusal('publisher no longer connected'));
      const refused = publishRefusal(
        identity,
        { topic: packet.topic, payloadBytes: packet.payload.length },
        maxPayloadBytes,
      );
      if (refused) {
        logger.warn('publish refused, closing connection', {
          clientId: client.id,
          topic: packet.topic,
          reason: refused.reason,
        });
        metrics.refusedPublishes.inc({ kind: refused.kind });
        return done(refusal(refused.reason));
      }
      metrics.publishes.inc();
      // aedes reads nothing more from this client until `done`: holding it back paces the client.
      const delayMs = identity.role === 'device' ? (pacer?.delayMs(client.id, Date.now()) ?? 0) : 0;
      if (delayMs === 0) return done(null);
      metrics.pacedPublishes.inc();
      setTimeout(() => done(null), delayMs);
    },
    authorizeSubscribe(client, subscription, done) {
      const identity = identities.get(client);
      if (identity && canSubscribe(identity, subscription.topic)) return done(null, subscription);
      logger.warn('subscription refused', { clientId: client.id, topic: subscription.topic });
      metrics.refusedSubscriptions.inc();
      done(null, null);
    },
  });

  broker.on('clientReady', (client) => {
    metrics.clients.set(broker.connectedClients);
    logger.info('client connected', { clientId: client.id, role: identities.get(client)?.role });
  });
  broker.on('clientDisconnect', (client) => {
    metrics.clients.set(broker.connectedClients);
    pacer?.forget(client.id);
    logger.info('client disconnected', { clientId: client.id });
  });
  broker.on('clientError', (client, error) => {
    if (!refusals.has(error))
      logger.warn('client error', { clientId: client.id, error: error.message });
  });
  return broker;
}

/** Disconnects every client and stops the broker. */
export function closeBroker(broker: Aedes): Promise<void> {
  return new Promise((resolve) => broker.close(() => resolve()));
}

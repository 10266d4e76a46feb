import { StaticAccountAuthenticator } from './authenticator';
import { closeBroker, createBroker } from './broker';
import { ConfigError, parseConfig } from './config';
import { HubAuthenticator, ServiceAccountsThenDevices } from './hub-authenticator';
import { Listener, listenMetrics, listenTcp, listenWebSocket } from './listeners';
import { createJsonLogger } from './log';
import { BrokerMetrics } from './metrics';
import { redisStores } from './redis-stores';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createJsonLogger();
  const serviceAccounts = new StaticAccountAuthenticator({
    passwords: config.BROKER_USERS,
    hubUsername: config.BROKER_HUB_USER,
    gatewayUsernames: config.BROKER_GATEWAY_USERS,
  });
  const metrics = new BrokerMetrics();
  const stores = config.BROKER_REDIS_URL ? redisStores(config.BROKER_REDIS_URL) : undefined;
  const broker = await createBroker({
    authenticator: config.BROKER_AUTH_URL
      ? new ServiceAccountsThenDevices(
          serviceAccounts,
          new HubAuthenticator({
            url: config.BROKER_AUTH_URL,
            token: config.BROKER_AUTH_TOKEN!,
            timeoutMs: config.BROKER_AUTH_TIMEOUT_MS,
          }),
        )
      : serviceAccounts,
    maxPayloadBytes: config.BROKER_MAX_PAYLOAD_BYTES,
    logger,
    stores,
    maxConnections: config.BROKER_MAX_CONNECTIONS,
    deviceRate: {
      perSecond: config.BROKER_DEVICE_MESSAGES_PER_SECOND,
      burst: config.BROKER_DEVICE_BURST,
    },
    metrics,
  });

  const listeners: Listener[] = [await listenTcp(broker, config.MQTT_HOST, config.MQTT_PORT)];
  logger.info('mqtt listening', { host: config.MQTT_HOST, port: listeners[0].port });
  if (config.MQTT_WS_PORT !== undefined) {
    const webSocket = await listenWebSocket(
      broker,
      config.MQTT_HOST,
      config.MQTT_WS_PORT,
      config.BROKER_MAX_PAYLOAD_BYTES,
    );
    listeners.push(webSocket);
    logger.info('mqtt over websocket listening', { host: config.MQTT_HOST, port: webSocket.port });
  }

  if (config.BROKER_METRICS_PORT !== undefined) {
    const metricsListener = await listenMetrics(
      metrics.registry,
      config.MQTT_HOST,
      config.BROKER_METRICS_PORT,
    );
    listeners.push(metricsListener);
    logger.info('metrics listening', { host: config.MQTT_HOST, port: metricsListener.port });
  }

  const shutdown = async (signal: NodeJS.Signals) => {
    logger.info('shutting down', { signal });
    // Stop accepting first, then disconnect the clients so the servers can finish closing.
    const closed = Promise.all(listeners.map((listener) => listener.close()));
    await closeBroker(broker);
    await closed;
    await stores?.close();
    logger.info('stopped');
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  // A configuration error is for a person: print it as written, naming each bad variable.
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

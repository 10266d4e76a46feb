import { StaticAccountAuthenticator } from './authenticator';
import { closeBroker, createBroker } from './broker';
import { ConfigError, parseConfig } from './config';
import { Listener, listenTcp, listenWebSocket } from './listeners';
import { createJsonLogger } from './log';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createJsonLogger();
  const broker = await createBroker({
    authenticator: new StaticAccountAuthenticator({
      passwords: config.BROKER_USERS,
      hubUsername: config.BROKER_HUB_USER,
      gatewayUsernames: config.BROKER_GATEWAY_USERS,
    }),
    maxPayloadBytes: config.BROKER_MAX_PAYLOAD_BYTES,
    logger,
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

  const shutdown = async (signal: NodeJS.Signals) => {
    logger.info('shutting down', { signal });
    // Stop accepting first, then disconnect the clients so the servers can finish closing.
    const closed = Promise.all(listeners.map((listener) => listener.close()));
    await closeBroker(broker);
    await closed;
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

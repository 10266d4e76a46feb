import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, Server, createServer as createTcpServer } from 'node:net';
import { Aedes } from 'aedes';
import type { Registry } from 'prom-client';
import { WebSocketServer, createWebSocketStream } from 'ws';

export interface Listener {
  readonly port: number;
  /** Stops accepting connections; resolves once the open ones have ended. */
  close(): Promise<void>;
}

/** Largest MQTT fixed and variable header around a payload: a 65 535-byte topic (§1.5.3) and change. */
const MQTT_HEADER_ALLOWANCE_BYTES = 65_535 + 16;

export async function listenTcp(broker: Aedes, host: string, port: number): Promise<Listener> {
  const server = createTcpServer((socket) => broker.handle(socket));
  return listen(server, host, port, () => closeServer(server));
}

/** MQTT over WebSocket (MQTT 3.1.1 §6): one binary frame carries one or more MQTT packets. */
export async function listenWebSocket(
  broker: Aedes,
  host: string,
  port: number,
  maxPayloadBytes: number,
): Promise<Listener> {
  const server = createHttpServer();
  const sockets = new WebSocketServer({
    server,
    maxPayload: maxPayloadBytes + MQTT_HEADER_ALLOWANCE_BYTES,
  });
  sockets.on('connection', (socket, request) =>
    broker.handle(createWebSocketStream(socket), request),
  );
  return listen(server, host, port, async () => {
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
    await closeServer(server);
  });
}

/** Prometheus text at `/metrics`; 404 elsewhere. */
export async function listenMetrics(
  registry: Registry,
  host: string,
  port: number,
): Promise<Listener> {
  const server = createHttpServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  return listen(server, host, port, () => closeServer(server));
}

async function listen(
  server: Server,
  host: string,
  port: number,
  close: () => Promise<void>,
): Promise<Listener> {
  server.listen(port, host);
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, close };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

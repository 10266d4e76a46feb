import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';

export type UpgradeHandler = (request: IncomingMessage, socket: Socket, head: Buffer) => unknown;

/**
 * The single owner of WebSocket upgrades on the hub's port(s). `/ocpp/{identity}` and `/live` share
 * the port; each registers its path prefix here, and an upgrade on any other path gets a 404.
 */
@Injectable()
export class UpgradeRouter {
  private readonly logger = new Logger(UpgradeRouter.name);
  private readonly routes: { prefix: string; handler: UpgradeHandler }[] = [];
  private readonly servers = new WeakSet<Server>();

  register(prefix: string, handler: UpgradeHandler): void {
    this.routes.push({ prefix, handler });
  }

  attach(server: Server): void {
    if (this.servers.has(server)) return;
    this.servers.add(server);
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      const path = (request.url ?? '/').split('?')[0];
      const route = this.routes.find(
        ({ prefix }) => path === prefix || path.startsWith(`${prefix}/`),
      );
      if (route) {
        Promise.resolve(route.handler(request, socket, head)).catch((error: unknown) => {
          this.logger.warn(`upgrade on ${path} failed: ${String(error)}`);
          socket.destroy();
        });
        return;
      }
      this.logger.debug(`no WebSocket endpoint at ${path}`);
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
  }
}
